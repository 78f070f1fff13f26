using System.Text;

namespace OkrRollout.Benchmarks;

/// <summary>
/// A large fictional organisation in the HR-export format: divisions, functions and teams of
/// realistic size, one lead per team, managers, both languages. Deterministic for a given seed.
/// </summary>
public static class PeopleGenerator
{
    private static readonly string[] FirstNames = ["Aino", "Eero", "Juha", "Kaisa", "Laura", "Mikko", "Niina", "Olli", "Päivi", "Riikka", "Sami", "Tiina", "Ville", "Emma", "James", "Olivia", "Lucas", "Sophie", "Daniel", "Priya", "Mei", "Carlos"];
    private static readonly string[] LastNames = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Smith", "Brown", "Schmidt", "Patel", "Novak", "Garcia", "Chen", "O'Brien"];
    private static readonly string[] Divisions = ["Research", "Services", "Operations", "Technology", "Customer", "Corporate"];

    public static byte[] Csv(int people, int teamSize = 50, int seed = 2026)
    {
        var random = new Random(seed);
        var text = new StringBuilder(people * 110);
        text.Append("email;name;unit;lead;language;manager_email\n");
        var teams = Math.Max(1, people / teamSize);
        var leadOfTeam = new string[teams];
        for (var i = 0; i < people; i++)
        {
            var team = i % teams;
            var division = Divisions[team % Divisions.Length];
            var function = $"Function {team % 40 + 1:00}";
            var unit = $"Megacorp/{division}/{function}/Team {team + 1:0000}";
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var email = $"{Ascii(first)}.{Ascii(last)}.{i}@megacorp.example";
            var isLead = i < teams;
            if (isLead)
            {
                leadOfTeam[team] = email;
            }
            var manager = isLead ? "" : leadOfTeam[team];
            var language = random.Next(10) < 7 ? "fi" : "en";
            text.Append(email).Append(';').Append(first).Append(' ').Append(last).Append(';').Append(unit).Append(';')
                .Append(isLead ? "yes" : "no").Append(';').Append(language).Append(';').Append(manager).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Ascii(string name) =>
        name.ToLowerInvariant().Replace("ä", "a").Replace("ö", "o").Replace("'", "");
}

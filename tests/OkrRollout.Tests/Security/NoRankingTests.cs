using System.Net;
using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Security;

/// <summary>
/// The product never ranks people: a leader follows every link of the app they can reach, and no table
/// or list that names two or more people is ordered by anything but their names; no CSV names anyone.
/// </summary>
public class NoRankingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int MaxPages = 250;
    private const int MaxVariantsPerPath = 3;

    private static bool Followed(string href) =>
        href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)
        && !href.Contains("SignOut", StringComparison.OrdinalIgnoreCase) && !href.Contains("/Account/", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] Stages = ["Not started", "Invited", "Trained", "Drafting", "Aligned", "Practising"];

    /// <summary>A stage, a progress, a score or a confidence: a number, a share or a stage's name.</summary>
    private static bool Measures(string cell) =>
        System.Text.RegularExpressions.Regex.IsMatch(cell, @"^[\d\s.,%/–-]+$") || Stages.Any(s => cell.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Rows in blocks of one key each, and by name within each block, by the ordinal or the culture's order.</summary>
    private static bool ByNameWithin(List<(string Name, string Key)> rows)
    {
        var blocks = new List<(string Key, List<string> Names)>();
        foreach (var (name, key) in rows)
        {
            if (blocks.Count == 0 || blocks[^1].Key != key)
            {
                blocks.Add((key, []));
            }
            blocks[^1].Names.Add(name);
        }
        static bool Sorted(List<string> names, StringComparer order) => names.Zip(names.Skip(1)).All(p => order.Compare(p.First, p.Second) <= 0);
        static bool InOrder(List<string> names) => Sorted(names, StringComparer.Ordinal) || Sorted(names, StringComparer.CurrentCultureIgnoreCase) || Sorted(names, StringComparer.InvariantCultureIgnoreCase);
        // Blocks of the key's rows together (a team by role), or in the key's order (a wave's members by unit), then by name.
        return blocks.Select(b => b.Key).Distinct().Count() == blocks.Count && (blocks.Count < rows.Count || InOrder(blocks.Select(b => b.Key).ToList())) && blocks.All(b => InOrder(b.Names));
    }

    [Fact]
    public async Task No_page_or_csv_a_leader_can_open_orders_people_by_anything_but_their_names()
    {
        var names = (await factory.WithDbAsync(db => db.People.Select(p => p.Name).ToListAsync())).Where(n => n.Length > 3).Distinct().ToList();
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var queue = new Queue<string>(["/", "/Dashboard", "/Dashboard?allUnits=true&allGroups=true", .. OkrRollout.Web.Pages.Dashboard.AdoptionCsv.Tables.Select(t => $"/Dashboard?handler=Csv&table={t}")]);
        var seen = new HashSet<string>(queue);
        var variants = new Dictionary<string, int>();
        var failures = new List<string>();
        var pages = 0;
        var csvs = 0;

        string? FirstName(string text) => names.Select(n => (Name: n, At: text.IndexOf(n, StringComparison.Ordinal))).Where(n => n.At >= 0).OrderBy(n => n.At).ThenByDescending(n => n.Name.Length).Select(n => n.Name).FirstOrDefault();

        // A row is about a person when its first cell with text starts with their name.
        string? Subject(IReadOnlyList<string> cells) => cells.FirstOrDefault(c => c.Length > 0) is { } first && FirstName(first) is { } name && first.StartsWith(name, StringComparison.Ordinal) ? name : null;

        void CheckOrdered(string url, string what, List<IReadOnlyList<string>> rows)
        {
            var people = rows.Select(r => (Name: Subject(r), Cells: r)).Where(r => r.Name is not null).ToList();
            if (people.Select(p => p.Name).Distinct().Count() < 2)
            {
                return;
            }
            // By name, or by name within groups of another column that is no stage, progress, score or confidence (a wave's members by group and unit).
            var keys = Enumerable.Range(0, people.Max(p => p.Cells.Count)).Where(i => people.All(p => i < p.Cells.Count && !Measures(p.Cells[i]) && FirstName(p.Cells[i]) is null)).ToList();
            var groupings = new List<int[]> { Array.Empty<int>() };
            groupings.AddRange(keys.Select(k => new[] { k }));
            groupings.AddRange(keys.SelectMany(a => keys.Where(b => b != a).Select(b => new[] { a, b })));
            if (!groupings.Any(key => ByNameWithin(people.Select(p => (p.Name!, string.Join("\u0001", key.Select(k => p.Cells[k])))).ToList())))
            {
                failures.Add($"{url} {what}: {string.Join(", ", people.Take(8).Select(p => p.Name))}");
            }
        }

        while (queue.TryDequeue(out var url) && pages < MaxPages)
        {
            using var response = await leader.Client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            var type = response.Content.Headers.ContentType?.MediaType;
            var body = await response.Content.ReadAsStringAsync();
            if (type == "text/csv")
            {
                csvs++;
                if (FirstName(body) is { } name)
                {
                    failures.Add($"{url} names {name}");
                }
                continue;
            }
            if (type != "text/html")
            {
                continue;
            }
            pages++;
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
            foreach (var table in page.QuerySelectorAll("main table"))
            {
                var rows = table.QuerySelectorAll("tbody tr").Where(tr => tr.Closest("table") == table && tr.QuerySelector("td") is not null)
                    .Select(tr => (IReadOnlyList<string>)tr.Children.Select(td => td.TextContent.Trim()).ToList()).ToList();
                CheckOrdered(url, $"table #{table.Id}", rows);
            }
            foreach (var list in page.QuerySelectorAll("main ul, main ol"))
            {
                CheckOrdered(url, $"list #{list.Id}.{list.ClassName}", list.Children.Where(c => c.LocalName == "li").Select(li => (IReadOnlyList<string>)[li.TextContent.Trim()]).ToList());
            }
            foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(Followed))
            {
                var path = href.Split('?')[0];
                if (seen.Add(href) && (href.Contains("handler=Csv", StringComparison.Ordinal) || (variants[path] = variants.GetValueOrDefault(path) + 1) <= MaxVariantsPerPath))
                {
                    queue.Enqueue(href);
                }
            }
        }

        Assert.True(pages > 20, $"the leader reached only {pages} pages");
        Assert.True(csvs >= 5, $"the leader downloaded only {csvs} CSVs");
        Assert.True(failures.Count == 0, "ranked by something other than the name:\n" + string.Join("\n", failures));
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Dashboard;

namespace OkrRollout.Tests.Pages.Dashboard;

/// <summary>
/// A leader tries to narrow the dashboard's figures down to fewer people than the minimum group size by
/// subtracting one figure from another: every area minus the units below it, every opened table minus its
/// rows, the programme minus its waves, every wave minus its groups.
/// </summary>
public static partial class Subtraction
{
    [GeneratedRegex(@"^(?<path>.*) \((own people and smaller units|smaller units together): \d+\)$")]
    private static partial Regex FoldedUnit();

    [GeneratedRegex(@"^Other units \(together: \d+\)$")]
    private static partial Regex OtherUnits();

    /// <summary>A unit row's path from its label in a CSV; "" for the row of other units.</summary>
    public static string PathOf(string label) =>
        OtherUnits().IsMatch(label) ? "" : FoldedUnit().Match(label) is { Success: true } m ? m.Groups["path"].Value : label;

    private static bool Within(string path, string area) => path == area || path.StartsWith(area + "/", StringComparison.Ordinal);

    public static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        text = text.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString().TrimEnd('\r')); cell.Clear(); rows.Add([.. row]); row.Clear(); }
            else { cell.Append(c); }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }

    private static int N(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>Downloads every CSV table, opens every area below the departments, and tries every subtraction; returns what the leader saw.</summary>
    public static async Task<string> AssertNothingNarrowsAsync(PageSession leader, int minimum, string query = "")
    {
        var failures = new List<string>();
        void Check(string what, int people)
        {
            if (people != 0 && people < minimum)
            {
                failures.Add($"{what}: {people}");
            }
        }
        var seen = new StringBuilder();
        var csv = new Dictionary<string, List<string[]>>();
        foreach (var table in AdoptionCsv.Tables)
        {
            using var response = await leader.Client.GetAsync($"/Dashboard?handler=Csv&table={table}{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            seen.AppendLine(text);
            csv[table] = Csv(text).Skip(1).ToList();
        }
        var units = csv["units"].Select(r => (Path: PathOf(r[0]), People: N(r[1]))).ToList();
        int Under(string row, string parent) => units.Where(u => row == parent ? u.Path == row : Within(u.Path, row)).Sum(u => u.People);

        foreach (var (path, people) in units)
        {
            Check($"unit {path}", people);
        }
        var departments = csv["departments"].Select(r => (Path: PathOf(r[0]), People: N(r[1]))).ToList();
        foreach (var (path, people) in departments)
        {
            Check($"department {path}", people);
            Check($"department {path} minus its units", people - Under(path, path.Split('/')[0]));
        }
        var total = csv["funnel"].Sum(r => N(r[1]));
        Check("the programme", total);
        Check("the programme minus the units", total - units.Sum(u => u.People));
        Check("the programme minus the departments", total - departments.Sum(d => d.People));

        var waves = csv["waves"].Select(r => (Name: r[0], Named: r[1].Length > 0, People: N(r[5]))).ToList();
        foreach (var wave in waves)
        {
            Check($"wave {wave.Name}", wave.People);
            var groups = csv["groups"].Where(g => g[0] == wave.Name).Select(g => (Name: g[1], Folded: g[1].StartsWith("Other rollout groups", StringComparison.Ordinal) || g[1] == "People in no rollout group", People: N(g[2]))).ToList();
            groups.ForEach(g => Check($"group {wave.Name}/{g.Name}", g.People));
            Check($"wave {wave.Name} minus its groups", wave.People - groups.Sum(g => g.People));
            Check($"wave {wave.Name} minus its named groups", wave.People - groups.Where(g => !g.Folded).Sum(g => g.People));
        }
        Check("the programme minus the waves", total - waves.Sum(w => w.People));
        Check("the programme minus the named waves", total - waves.Where(w => w.Named).Sum(w => w.People));
        foreach (var week in csv["trend"])
        {
            Check($"the week of {week[0]}", N(week[1]));
        }

        var page = await leader.GetAsync("/Dashboard?allUnits=true&allGroups=true" + query);
        seen.AppendLine(page.QuerySelector("main")!.TextContent);
        foreach (var td in page.QuerySelectorAll("table td.people"))
        {
            Check($"a row of {td.Closest("table")!.Id}", N(td.TextContent.Trim()));
        }
        // Every area a leader can open, at any level, minus its rows; each row minus the units below it.
        var toOpen = new Queue<(string Url, string Path, int People)>(page.QuerySelectorAll("#department-progress tbody tr")
            .Where(tr => tr.QuerySelector("a[hx-get]") is not null)
            .Select(tr => (tr.QuerySelector("a[hx-get]")!.GetAttribute("hx-get")!, tr.GetAttribute("data-unit")!, N(tr.QuerySelector("td.people")!.TextContent))));
        var opened = 0;
        while (toOpen.TryDequeue(out var area) && opened++ < 200)
        {
            var table = await leader.HtmxGetAsync(area.Url);
            seen.AppendLine(table.Body!.TextContent);
            var rows = table.QuerySelectorAll("#sub-unit-progress tbody tr").Select(tr => (Path: tr.GetAttribute("data-unit")!, People: N(tr.QuerySelector("td.people")!.TextContent), Link: tr.QuerySelector("a[hx-get]")?.GetAttribute("hx-get"))).ToList();
            Assert.NotEmpty(rows);
            Check($"{area.Path} minus its rows", area.People - rows.Sum(r => r.People));
            foreach (var row in rows)
            {
                Check($"{row.Path} under {area.Path}", row.People);
                Check($"{row.Path} under {area.Path} minus its units", row.People - Under(row.Path, area.Path));
                if (row.Link is not null && row.Path != area.Path)
                {
                    toOpen.Enqueue((row.Link, row.Path, row.People));
                }
            }
        }
        Assert.True(opened > 1, "no department opened to the units below it");
        Assert.True(failures.Count == 0, "figures that narrow below " + minimum + ":\n" + string.Join("\n", failures));
        return seen.ToString();
    }
}

public class SmallGroupSubtractionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task No_figure_a_leader_sees_of_the_demo_narrows_below_five_people_by_subtraction_and_none_names_anyone()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var seen = await Subtraction.AssertNothingNarrowsAsync(leader, 5);

        var names = await factory.WithDbAsync(db => db.People.Select(p => p.Name).ToListAsync());
        Assert.DoesNotContain(names, seen.Contains);
    }
}

public sealed class MinimumOfTwelveFactory : AppFactory
{
    public MinimumOfTwelveFactory() => Settings["Dashboard:MinimumGroupSize"] = "12";
}

public class SmallGroupSubtractionAtTwelveTests(MinimumOfTwelveFactory factory) : IClassFixture<MinimumOfTwelveFactory>
{
    [Fact]
    public async Task With_a_minimum_of_twelve_no_figure_a_leader_sees_narrows_below_twelve()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        await Subtraction.AssertNothingNarrowsAsync(leader, 12);

        var page = await leader.GetAsync("/Dashboard");
        Assert.Contains("not shown on their own, so that no figure covers fewer than 12 people", page.QuerySelector("#hidden-units")!.TextContent);
    }
}

/// <summary>The probe's organisation: a one-person team in every department, whose person is practising; a small company of its own; a small wave and a rollout group of two.</summary>
public class SmallGroupSubtractionOfOnePersonTeamsTests(AppFactory factory) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private List<(string Path, string Name)> _soloTeams = [];

    public async Task InitializeAsync()
    {
        _soloTeams = await factory.WithDbAsync(async db =>
        {
            // Once per class: each test is a new instance.
            if (await db.OrgUnits.AnyAsync(u => u.Name == "Kaleva Works"))
            {
                return (await db.People.Where(p => p.Name.StartsWith("Heikki Solo")).Select(p => new { p.Unit.NamePath, p.Name }).ToListAsync()).OrderBy(p => p.NamePath).Select(p => (p.NamePath, p.Name)).ToList();
            }
            var wave = await db.Waves.Where(w => w.ActualStart != null && w.ActualEnd == null).OrderBy(w => w.Order).FirstAsync();
            var departments = await db.OrgUnits.Where(u => u.Depth == 1 && db.WaveMembers.Any(m => m.Person.Unit.IdPath.StartsWith(u.IdPath))).ToListAsync();
            var people = new List<Person>();
            foreach (var (department, i) in departments.Select((d, i) => (d, i)))
            {
                var team = new OrgUnit { Name = $"Solo Lab {i}", NamePath = $"{department.NamePath}/Solo Lab {i}", Parent = department };
                db.OrgUnits.Add(team);
                await db.SaveChangesAsync();
                team.PlaceUnder(department);
                people.Add(new Person { Name = $"Heikki Solo{i}nen", Email = $"solo{i}@aurora-telematics.example", UnitId = team.Id });
            }
            var company = new OrgUnit { Name = "Kaleva Works", NamePath = "Kaleva Works" };
            db.OrgUnits.Add(company);
            await db.SaveChangesAsync();
            company.PlaceUnder(null);
            var kaleva = Enumerable.Range(1, 2).Select(i => new Person { Name = $"Kaleva Worker{i}", Email = $"kaleva{i}@kaleva.example", UnitId = company.Id }).ToList();
            db.People.AddRange(people);
            db.People.AddRange(kaleva);
            var tiny = new Wave { ProgrammeId = wave.ProgrammeId, Name = "Tiny wave", Kind = WaveKind.Wave, Order = 90, PlannedStart = factory.Today.AddDays(60), PlannedEnd = factory.Today.AddDays(90) };
            db.Waves.Add(tiny);
            var pair = new RolloutGroup { WaveId = wave.Id, Name = "Pair" };
            db.RolloutGroups.Add(pair);
            await db.SaveChangesAsync();
            db.WaveMembers.AddRange(people.Select((p, i) => new WaveMember { ProgrammeId = wave.ProgrammeId, WaveId = wave.Id, PersonId = p.Id, RolloutGroupId = i < 2 ? pair.Id : null }));
            db.WaveMembers.AddRange(kaleva.Select(p => new WaveMember { ProgrammeId = wave.ProgrammeId, WaveId = tiny.Id, PersonId = p.Id }));
            db.StageOverrides.AddRange(people.Select(p => new StageOverride { ProgrammeId = wave.ProgrammeId, PersonId = p.Id, Stage = OnboardingStage.Practising, Reason = "Practised at a previous employer", SetBy = "test", SetAtUtc = factory.NowUtc }));
            await db.SaveChangesAsync();
            return departments.Select((d, i) => ($"{d.NamePath}/Solo Lab {i}", $"Heikki Solo{i}nen")).OrderBy(t => t.Item1).ToList();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_department_minus_its_visible_teams_never_reveals_the_one_person_team()
    {
        Assert.True(_soloTeams.Count >= 3, "the demo has several departments");
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var seen = await Subtraction.AssertNothingNarrowsAsync(leader, 5);

        Assert.DoesNotContain(_soloTeams, t => seen.Contains(t.Name));
        Assert.DoesNotContain("Kaleva Worker", seen);
        var units = Subtraction.Csv(await leader.Client.GetStringAsync("/Dashboard?handler=Csv&table=units")).Skip(1).ToList();
        Assert.DoesNotContain(units, r => _soloTeams.Any(t => t.Path == r[0]));
        // The probe's case: each department's row minus the teams shown below it is none or at least five people.
        var page = await leader.GetAsync("/Dashboard");
        foreach (var (path, _) in _soloTeams)
        {
            var department = path[..path.LastIndexOf('/')];
            // A department small as a whole is counted in its company's own row.
            if (page.QuerySelector($"#department-progress tr[data-unit='{department}']") is not { } row || row.QuerySelector("a[hx-get]") is not { } link)
            {
                continue;
            }
            var teams = await leader.HtmxGetAsync(link.GetAttribute("hx-get")!);
            var rest = int.Parse(row.QuerySelector("td.people")!.TextContent) - teams.QuerySelectorAll("#sub-unit-progress tbody tr").Where(tr => tr.GetAttribute("data-unit") != department).Sum(tr => int.Parse(tr.QuerySelector("td.people")!.TextContent));
            Assert.True(rest == 0 || rest >= 5, $"{department} minus its teams: {rest}");
        }
        // The small company and the small wave are counted with others, not shown on their own.
        Assert.Contains(units, r => r[0].StartsWith("Other units", StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("#wave-progress tr[data-wave-id] td:first-child"), td => td.TextContent.Trim() == "Tiny wave");
        Assert.Contains("Tiny wave", page.QuerySelector("#other-waves")!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("#group-progress tbody tr"), tr => tr.GetAttribute("data-group") == "Pair");
    }

    [Fact]
    public async Task An_ambassador_still_sees_the_one_person_team_and_the_small_wave_on_their_own()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var page = await ambassador.GetAsync("/Dashboard?allUnits=true&allGroups=true");

        var (path, name) = _soloTeams[0];
        var row = page.QuerySelector($"#unit-progress tr[data-unit='{path}']")!;
        Assert.Equal("1", row.QuerySelector("td:nth-child(2)")!.TextContent.Trim());
        var practising = row.QuerySelector("td[data-stage=Practising] a[hx-get]")!;
        var people = await ambassador.HtmxGetAsync(practising.GetAttribute("hx-get")!);
        Assert.Equal([name], people.QuerySelectorAll("#drill-down li a").Select(a => a.TextContent));
        Assert.Null(page.QuerySelector("#other-waves"));
        Assert.Contains(page.QuerySelectorAll("#group-progress tbody tr"), tr => tr.GetAttribute("data-group") == "Pair");
        Assert.Null(page.QuerySelector("#hidden-units"));
    }
}

/// <summary>A programme of fewer people than the minimum shows leaders no figures at all.</summary>
public class SmallProgrammeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_leader_sees_no_figures_of_a_programme_of_three_people()
    {
        var programmeId = await factory.WithDbAsync(async db =>
        {
            var programme = new Programme { Name = "Three people", StartDate = factory.Today.AddDays(-30), TargetDate = factory.Today.AddDays(60) };
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
            var wave = new Wave { ProgrammeId = programme.Id, Name = "Only wave", Kind = WaveKind.Pilot, Order = 1, PlannedStart = factory.Today.AddDays(-20), PlannedEnd = factory.Today.AddDays(20), ActualStart = factory.Today.AddDays(-20) };
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
            var people = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Take(3).Select(p => p.Id).ToListAsync();
            db.WaveMembers.AddRange(people.Select(p => new WaveMember { ProgrammeId = programme.Id, WaveId = wave.Id, PersonId = p }));
            await db.SaveChangesAsync();
            return programme.Id;
        });
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync($"/Dashboard?programmeId={programmeId}");

        Assert.Contains("fewer than 5 people", page.QuerySelector("#too-few-people")!.TextContent);
        Assert.Null(page.QuerySelector("#funnel-table"));
        Assert.Null(page.QuerySelector("#wave-progress"));
        foreach (var table in AdoptionCsv.Tables)
        {
            var lines = Subtraction.Csv(await leader.Client.GetStringAsync($"/Dashboard?handler=Csv&table={table}&programmeId={programmeId}"));
            Assert.Single(lines);
        }
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        Assert.NotNull((await ambassador.GetAsync($"/Dashboard?programmeId={programmeId}")).QuerySelector("#funnel-table"));
    }
}

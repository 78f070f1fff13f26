using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Units;

/// <summary>The demo organisation with 10,000 more units: a flat sales division of 9,985 teams and a chain 15 levels deep.</summary>
public sealed class LargeTreeAppFactory : AppFactory
{
    public const string Sales = "Aurora Telematics/Field Sales";
    public const int FlatTeams = 9_985;

    public static readonly string DeepestPath = string.Join('/', ["Aurora Telematics", .. Enumerable.Range(1, OrgUnit.MaxDepth - 1).Select(i => $"Level {i}")]);

    private readonly Lazy<Task> _units;

    public LargeTreeAppFactory() =>
        _units = new(() => WithDbAsync(async db =>
        {
            var paths = Enumerable.Range(0, FlatTeams).Select(i => $"{Sales}/Team {i:D4}").Append(DeepestPath);
            await OrgUnitPaths.EnsureAsync(db, paths, CancellationToken.None);
        }));

    public Task UnitsAddedAsync() => _units.Value;
}

public class LargeTreeTests(LargeTreeAppFactory factory) : IClassFixture<LargeTreeAppFactory>
{
    /// <summary>Well over what a page of 200 units takes, far below what listing 10,000 would.</summary>
    private const int PageBytesLimit = 300_000;

    private Task<int> UnitIdAsync(string path) => factory.WithDbAsync(db => db.OrgUnits.Where(u => u.NamePath == path).Select(u => u.Id).SingleAsync());

    private async Task<string> GetBoundedAsync(PageSession session, string url)
    {
        using var response = await session.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Length < PageBytesLimit, $"{url} is {html.Length:N0} characters");
        return html;
    }

    [Fact]
    public async Task The_organisation_tree_opens_one_level_at_a_time_and_pages_a_wide_one()
    {
        await factory.UnitsAddedAsync();
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var top = PageSession.Parse(await GetBoundedAsync(member, "/Units"));

        var root = top.QuerySelector("#org-tree > li")!;
        Assert.Equal("Aurora Telematics", root.QuerySelector("a")!.TextContent);
        var total = await factory.WithDbAsync(db => db.People.CountAsync(p => p.IsActive));
        Assert.StartsWith($"{total:N0} people", root.QuerySelector("span.muted")!.TextContent);
        var sales = root.QuerySelectorAll("li").Single(li => li.QuerySelector("a")!.TextContent == "Field Sales");
        var open = sales.QuerySelector<IHtmlAnchorElement>("a.open-level")!;
        Assert.Equal($"Show {LargeTreeAppFactory.FlatTeams:N0} sub-unit(s)", open.TextContent);
        Assert.DoesNotContain(top.QuerySelectorAll("a"), a => a.TextContent.StartsWith("Team "));

        var level = await member.HtmxGetAsync(open.GetAttribute("hx-get")!);
        var teams = level.QuerySelectorAll("body > li:not(.more) > a:first-child").Select(a => a.TextContent).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"Team {i:D4}"), teams);
        var more = level.QuerySelector<IHtmlAnchorElement>("li.more a")!;
        Assert.Equal($"Show {LargeTreeAppFactory.FlatTeams - 200:N0} more", more.TextContent);

        var next = await member.HtmxGetAsync(more.GetAttribute("hx-get")!);
        Assert.Equal("Team 0200", next.QuerySelector("li > a")!.TextContent);

        var salesPage = PageSession.Parse(await GetBoundedAsync(member, open.GetAttribute("href")!));
        Assert.Equal(["Organisation", "Aurora Telematics"], salesPage.QuerySelectorAll("nav.breadcrumbs a").Select(a => a.TextContent));
        Assert.Equal(200, salesPage.QuerySelectorAll($"#unit-{await UnitIdAsync(LargeTreeAppFactory.Sales)}-children > li:not(.more)").Length);
    }

    [Fact]
    public async Task Every_page_that_offers_units_stays_small_and_finds_the_rest_by_search()
    {
        await factory.UnitsAddedAsync();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var waveId = await factory.WithDbAsync(db => db.Waves.Where(w => w.ProgrammeId == programmeId).Select(w => w.Id).FirstAsync());
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        foreach (var (session, url, picker) in new[]
        {
            (ambassador, $"/Programmes/Coverage/{programmeId}", "#UnitId"),
            (ambassador, $"/Waves/Details/{waveId}", "#Add_UnitId"),
            (member, $"/TrainingRequests?programmeId={programmeId}", "#Input_UnitId"),
            (member, "/Okr/Objectives/Edit", "#Input_UnitId"),
            (member, "/People", "#unit"),
        })
        {
            var page = PageSession.Parse(await GetBoundedAsync(session, url));
            var select = page.QuerySelector(picker);
            Assert.True(select is not null, $"{url} has no {picker}");
            // The listed top levels, the empty choice and the chosen unit.
            Assert.True(select.QuerySelectorAll("option").Length <= 302, $"{url} lists {select.QuerySelectorAll("option").Length} units");
            Assert.NotNull(page.QuerySelector($"{picker}-search"));
        }

        var found = await member.HtmxGetAsync("/Units/Search?unitTerm=Team 9984&empty=ChooseUnit");
        Assert.Equal(["Choose a unit", $"{LargeTreeAppFactory.Sales}/Team 9984"], found.QuerySelectorAll("option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task Coverage_pages_through_the_units_and_can_show_only_the_uncovered()
    {
        await factory.UnitsAddedAsync();
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        var (units, covered) = await factory.WithDbAsync(async db => (await db.OrgUnits.CountAsync(), await db.UnitCoverages.CountAsync(c => c.ProgrammeId == programmeId)));
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var first = PageSession.Parse(await GetBoundedAsync(ambassador, $"/Programmes/Coverage/{programmeId}"));

        Assert.Matches($@"^\d+ of {units} units have no ambassador or coach\.$", first.QuerySelector("#coverage-summary")!.TextContent);
        Assert.Equal(200, first.QuerySelectorAll("#coverage tbody tr").Length);
        Assert.NotNull(first.QuerySelector("nav.pager a[rel=next]"));

        var uncovered = PageSession.Parse(await GetBoundedAsync(ambassador, $"/Programmes/Coverage/{programmeId}?uncoveredOnly=true&pageNumber=2"));
        var rows = uncovered.QuerySelectorAll("#coverage tbody tr");
        Assert.Equal(200, rows.Length);
        Assert.All(rows, r => Assert.Contains("uncovered", r.ClassName));
        Assert.True(covered > 0);
    }

    [SqliteFact]
    public async Task A_tree_thousands_of_levels_deep_stored_before_the_limit_still_shows()
    {
        await factory.UnitsAddedAsync();
        // The unit columns' lengths hold this only on SQLite, which does not enforce them.
        var chain = "Deep/" + string.Join('/', Enumerable.Range(0, 4999).Select(_ => "x"));
        await factory.WithDbAsync(db => OrgUnitPaths.EnsureAsync(db, [chain], CancellationToken.None));
        var deepestId = await UnitIdAsync(chain);
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var top = await member.GetAsync("/Units");
        Assert.Contains(top.QuerySelectorAll("#org-tree > li > a:first-child"), a => a.TextContent == "Deep");

        var deepest = await member.GetAsync($"/Units?unit={deepestId}");
        Assert.Equal(5000, deepest.QuerySelectorAll("nav.breadcrumbs a").Length);

        var programmeId = await factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).FirstAsync());
        await member.GetAsync($"/Programmes/Coverage/{programmeId}?uncoveredOnly=true&pageNumber=50");
    }
}

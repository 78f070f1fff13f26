using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Pages.People;

public class IndexTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Filtering_by_a_function_includes_its_teams()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var (softwareId, expected) = await factory.WithDbAsync(async db =>
        {
            var software = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/Software");
            var count = await db.People.CountAsync(p => p.IsActive && p.Unit.NamePath.StartsWith("Aurora Telematics/Software"));
            return (software.Id, count);
        });

        var page = await member.GetAsync($"/People?unit={softwareId}");

        Assert.Equal($"{expected:N0} people", PeopleTable.Count(page));
        Assert.True(expected > 50, "the demo's software function has four teams");
        Assert.All(page.QuerySelectorAll("#people-table tbody tr td:nth-child(3)"), td => Assert.StartsWith("Aurora Telematics/Software", td.TextContent));
        Assert.Equal(softwareId.ToString(), page.QuerySelector<IHtmlSelectElement>("#unit")!.Value);
    }

    [Fact]
    public async Task One_match_is_counted_in_the_singular()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var page = await member.GetAsync("/People?q=paivi.rantanen");

        Assert.Equal("1 person", PeopleTable.Count(page));
    }

    [Fact]
    public async Task Text_filter_takes_percent_and_underscore_literally()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        // As LIKE wildcards both would match everyone: "%" anything, "e_e" the "ele" of every demo address.
        var percent = await member.GetAsync("/People?q=%25");
        var underscore = await member.GetAsync("/People?q=e_e");

        Assert.Equal("0 people", PeopleTable.Count(percent));
        Assert.Equal("0 people", PeopleTable.Count(underscore));
    }

    [Fact]
    public async Task Text_filter_ignores_case_including_Finnish_letters()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var page = await member.GetAsync("/People?q=PÄIVI");

        Assert.Contains("paivi.rantanen@aurora-telematics.example", PeopleTable.Emails(page));
        Assert.All(page.QuerySelectorAll("#people-table tbody tr td:first-child"), td => Assert.Contains("päivi", td.TextContent.ToLowerInvariant()));
    }

    [Fact]
    public async Task Lead_and_language_filters_combine()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var expected = await factory.WithDbAsync(db => db.People.Where(p => p.IsLead && p.PreferredLanguage == OkrRollout.Web.Domain.Language.En).OrderBy(p => p.Name).Select(p => p.Email).ToListAsync());

        var page = await member.GetAsync("/People?lead=true&language=En");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, PeopleTable.Emails(page));
    }

    [Fact]
    public async Task An_htmx_filter_request_returns_only_the_results()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var partial = await member.HtmxGetAsync("/People?q=robert");

        Assert.Null(partial.QuerySelector("header.topbar"));
        Assert.Null(partial.QuerySelector("form.filters"));
        Assert.Equal(["robert.meyer@aurora-telematics.example"], PeopleTable.Emails(partial));
    }

    [Fact]
    public async Task Pages_through_the_whole_directory_without_repeats()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var total = await factory.WithDbAsync(db => db.People.CountAsync(p => p.IsActive));

        var seen = new List<string>();
        string? next = "/People";
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages <= total / 50 + 1, "the pager keeps offering a next page");
            var page = await member.GetAsync(next);
            seen.AddRange(PeopleTable.Emails(page));
            next = page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [Fact]
    public async Task The_organisation_tree_counts_people_with_their_sub_units()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var total = await factory.WithDbAsync(db => db.People.CountAsync(p => p.IsActive));

        var page = await member.GetAsync("/Units");

        var root = page.QuerySelector("#org-tree > li")!;
        Assert.Equal("Aurora Telematics", root.QuerySelector("a")!.TextContent);
        Assert.StartsWith($"{total:N0} people", root.QuerySelector("span.muted")!.TextContent);
        var software = root.QuerySelectorAll("li").Single(li => li.QuerySelector("a")!.TextContent == "Software");
        var opened = await member.HtmxGetAsync(software.QuerySelector("a.open-level")!.GetAttribute("hx-get")!);
        Assert.Contains(opened.QuerySelectorAll("li > a:first-child"), a => a.TextContent == "Cloud Platform");
    }
}

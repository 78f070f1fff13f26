using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.People;

/// <summary>
/// More matches than the filter collects before counting (500): a text search says "more than 500"
/// and counts when asked; a filter without text counts; pages are filled in name order either way.
/// </summary>
public class ManyMatchesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static IEnumerable<string> BulkNames(int from, int count) => Enumerable.Range(from, count).Select(i => $"Bulk Person {i:D3}");

    private async Task<int> AddSixHundredAsync() => await factory.WithDbAsync(async db =>
    {
        if (await db.OrgUnits.SingleOrDefaultAsync(u => u.NamePath == "Aurora Telematics/Bulk") is { } existing)
        {
            return existing.Id;
        }
        var company = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics");
        var unit = new OrgUnit { Name = "Bulk", Parent = company, NamePath = company.NamePath + "/Bulk" };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        unit.PlaceUnder(company);
        // Added in reverse, so the id order is not the name order.
        db.People.AddRange(Enumerable.Range(0, 600).Reverse().Select(i => new Person { Name = $"Bulk Person {i:D3}", Email = $"bulk{i:D3}@example.com", UnitId = unit.Id }));
        await db.SaveChangesAsync();
        return unit.Id;
    });

    [Fact]
    public async Task A_text_search_with_six_hundred_matches_says_more_than_five_hundred_and_pages_on_in_name_order()
    {
        await AddSixHundredAsync();
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var first = await member.GetAsync("/People?q=bulk");
        var last = await member.GetAsync("/People?q=bulk&pageNumber=12");

        Assert.Equal("More than 500 people", PeopleTable.Count(first));
        Assert.Equal("Page 1", first.QuerySelector("nav.pager span")!.TextContent);
        Assert.Equal("/People?q=bulk&pageNumber=2", first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(BulkNames(0, 50), PeopleTable.Names(first));
        Assert.Equal(BulkNames(550, 50), PeopleTable.Names(last));
        Assert.Equal("Page 12", last.QuerySelector("nav.pager span")!.TextContent);
        Assert.Null(last.QuerySelector("nav.pager a[rel=next]"));
    }

    [Fact]
    public async Task Count_them_counts_every_match_and_the_pages()
    {
        await AddSixHundredAsync();
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var first = await member.GetAsync("/People?q=bulk");

        var counted = await member.GetAsync(first.QuerySelector("#count-all")!.GetAttribute("href")!);

        Assert.Equal("600 people", PeopleTable.Count(counted));
        Assert.Equal("Page 1 of 12", counted.QuerySelector("nav.pager span")!.TextContent);
        Assert.Equal("/People?q=bulk&pageNumber=2&countAll=true", counted.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(counted.QuerySelector("#count-all"));
    }

    [Fact]
    public async Task A_link_past_the_last_page_of_an_uncounted_search_shows_the_last_page()
    {
        await AddSixHundredAsync();
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var past = await member.GetAsync("/People?q=bulk&pageNumber=40");

        Assert.Equal("600 people", PeopleTable.Count(past));
        Assert.Equal("Page 12 of 12", past.QuerySelector("nav.pager span")!.TextContent);
        Assert.Equal(BulkNames(550, 50), PeopleTable.Names(past));
    }

    [Fact]
    public async Task A_filter_without_text_counts_six_hundred_matches()
    {
        var unitId = await AddSixHundredAsync();
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var page = await member.GetAsync($"/People?unit={unitId}");

        Assert.Equal("600 people", PeopleTable.Count(page));
        Assert.Equal("Page 1 of 12", page.QuerySelector("nav.pager span")!.TextContent);
        Assert.Equal(BulkNames(0, 50), PeopleTable.Names(page));
    }

    [Fact]
    public async Task More_than_five_hundred_reads_in_Finnish_too()
    {
        await AddSixHundredAsync();
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var english = await member.GetAsync("/People?q=bulk");
        await member.SubmitAsync(english.QuerySelector<IHtmlFormElement>("form.language-switcher")!, submitterSelector: "button[value=fi]");

        var page = await member.GetAsync("/People?q=bulk");

        Assert.Equal("Yli 500 henkilöä", PeopleTable.Count(page));
        Assert.Equal("Laske kaikki", page.QuerySelector("#count-all")!.TextContent);
        Assert.Equal("Sivu 1", page.QuerySelector("nav.pager span")!.TextContent);
    }
}

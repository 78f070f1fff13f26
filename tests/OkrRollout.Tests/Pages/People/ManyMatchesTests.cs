using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.People;

/// <summary>More matches than the filter collects before counting (500): the total is counted and the page is filled in name order.</summary>
public class ManyMatchesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Six_hundred_matches_are_counted_and_paged_in_name_order()
    {
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/HR");
            // Added in reverse, so the id order is not the name order.
            db.People.AddRange(Enumerable.Range(0, 600).Reverse().Select(i => new Person { Name = $"Bulk Person {i:D3}", Email = $"bulk{i:D3}@example.com", UnitId = unit.Id }));
            await db.SaveChangesAsync();
        });
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var first = await member.GetAsync("/People?q=bulk");
        var last = await member.GetAsync("/People?q=bulk&pageNumber=12");

        Assert.Equal("600 people", first.QuerySelector("#people-count")!.TextContent);
        Assert.Equal("Page 1 of 12", first.QuerySelector("nav.pager span")!.TextContent);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Bulk Person {i:D3}"), first.QuerySelectorAll("#people-table tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal(Enumerable.Range(550, 50).Select(i => $"Bulk Person {i:D3}"), last.QuerySelectorAll("#people-table tbody tr td:first-child").Select(td => td.TextContent));
    }
}

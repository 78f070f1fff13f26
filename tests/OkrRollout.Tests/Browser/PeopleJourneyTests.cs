using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OkrRollout.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class PeopleJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Ambassador_filters_the_people_list_to_a_unit_and_switches_to_Finnish()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoUsers.Ambassador);
        var (unitId, expected) = await browser.App.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/Production/Quality");
            return (unit.Id, await db.People.CountAsync(p => p.IsActive && p.UnitId == unit.Id));
        });

        await page.GotoAsync("/People");
        var firstRowBefore = await page.Locator("#people-table tbody tr").First.InnerTextAsync();
        await page.EvaluateAsync("window.okrNoReloadMarker = 42");

        await page.SelectOptionAsync("#unit", unitId.ToString());

        await Assertions.Expect(page.Locator("#people-count")).ToHaveTextAsync($"{expected} people");
        await Assertions.Expect(page.Locator("#people-table tbody tr")).ToHaveCountAsync(expected);
        foreach (var unitCell in await page.Locator("#people-table tbody tr td:nth-child(3)").AllInnerTextsAsync())
        {
            Assert.Equal("Aurora Telematics/Production/Quality", unitCell);
        }
        Assert.Equal(42, await page.EvaluateAsync<int>("window.okrNoReloadMarker"));
        Assert.EndsWith($"/People?unit={unitId}&status=Active", page.Url.Replace("lead=&", "").Replace("q=&", "").Replace("language=&", ""));
        Assert.NotEqual(firstRowBefore, await page.Locator("#people-table tbody tr").First.InnerTextAsync());

        await page.ClickAsync("form.language-switcher button[value=fi]");

        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Henkilöt");
        await Assertions.Expect(page.Locator("label[for=unit]")).ToHaveTextAsync("Yksikkö");
        await Assertions.Expect(page.Locator("#people-count")).ToHaveTextAsync($"{expected} henkilöä");
        await Assertions.Expect(page.Locator("#people-table thead th").First).ToHaveTextAsync("Nimi");
        Assert.Equal(unitId.ToString(), await page.Locator("#unit").InputValueAsync());
    }

    [Fact]
    public async Task Typing_in_the_search_box_narrows_the_list_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoUsers.Member);
        await page.GotoAsync("/People");
        await page.EvaluateAsync("window.okrNoReloadMarker = 42");

        await page.FillAsync("#q", "robert.meyer");

        await Assertions.Expect(page.Locator("#people-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#people-table tbody tr td").First).ToHaveTextAsync("Robert Meyer");
        Assert.Equal(42, await page.EvaluateAsync<int>("window.okrNoReloadMarker"));
        Assert.Contains("q=robert.meyer", page.Url);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OkrRollout.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class OkrJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_team_lead_drafts_an_aligned_objective_adds_two_key_results_publishes_checks_in_and_sees_progress_in_the_tree()
    {
        const string unitPath = "Aurora Telematics/Software/Embedded Firmware";
        var (unitId, leadEmail, companyObjective) = await browser.App.WithDbAsync(async db => (
            await db.OrgUnits.Where(u => u.NamePath == unitPath).Select(u => u.Id).SingleAsync(),
            await db.People.Where(p => p.IsLead && p.Unit.NamePath == unitPath).Select(p => p.Email).FirstAsync(),
            await db.Objectives.Where(o => o.Title == "Customers trust our data platform for their daily decisions").Select(o => o.Id).SingleAsync()));
        await browser.App.CreateSignInAsync(leadEmail);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, leadEmail);

        await page.GotoAsync($"/Okr/Teams/{unitId}");
        await page.ClickAsync("text=New objective");
        await page.FillAsync("#Input_Title", "Devices report their health without anyone asking");
        await page.SelectOptionAsync("#Input_ParentId", companyObjective.ToString());
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("#parent-link")).ToContainTextAsync("Customers trust our data platform");

        foreach (var (title, start, target) in new[] { ("Devices sending a daily health report", "0", "5000"), ("Field failures found before the customer calls", "20", "80") })
        {
            await page.ClickAsync("text=Add a key result");
            await page.FillAsync("#Input_Title", title);
            await page.FillAsync("#Input_StartValue", start);
            await page.FillAsync("#Input_TargetValue", target);
            await page.ClickAsync("main form button[type=submit]");
            await Assertions.Expect(page.Locator("section.key-result h3").Last).ToHaveTextAsync(title);
        }
        await page.ClickAsync("button[formaction*='handler=Publish']");
        await Assertions.Expect(page.Locator("main h1 .badge")).ToHaveTextAsync("Published");

        await page.GotoAsync($"/Okr/Teams/{unitId}");
        await page.FillAsync("#check-in-form tbody tr:nth-child(1) input[name$='.Value']", "4000");
        await page.FillAsync("#check-in-form tbody tr:nth-child(2) input[name$='.Value']", "50");
        await page.FillAsync("#check-in-form tbody tr:nth-child(2) input[name$='.Note']", "Where are we: halfway. Next: alert rules.");
        await page.EvaluateAsync("window.okrNoReloadMarker = 42");
        await page.ClickAsync("#check-in-form button[type=submit]");
        await Assertions.Expect(page.Locator("#check-in-saved")).ToHaveTextAsync("Checked in 2 key result(s).");
        Assert.Equal(42, await page.EvaluateAsync<int>("window.okrNoReloadMarker"));

        await page.GotoAsync("/Okr?expand=all");
        var node = page.Locator("li.tree-node", new() { HasText = "Devices report their health without anyone asking" }).Last;
        // (4000/5000 + (50-20)/(80-20)) / 2 = (0.8 + 0.5) / 2
        await Assertions.Expect(node.Locator(".progress-value").First).ToHaveTextAsync("0.65");
        await Assertions.Expect(page.Locator($"li[data-objective-id='{companyObjective}'] li.tree-node", new() { HasText = "Devices report their health" })).ToHaveCountAsync(1);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class RolloutPlanJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Ambassador_creates_a_pilot_adds_a_units_leads_splits_them_and_sees_the_wave_on_the_timeline()
    {
        // A unit whose leads are in no wave yet, as in a new programme.
        var (programmeId, unitPath, leads) = await browser.App.WithDbAsync(async db =>
        {
            var programme = new Programme { Name = "Division pilot 2027", Why = "Try OKRs in one division first.", StartDate = new(2027, 1, 1), TargetDate = new(2027, 6, 30) };
            db.Programmes.Add(programme);
            var parent = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/Software");
            var unit = new OrgUnit { Name = "Field Apps", NamePath = "Aurora Telematics/Software/Field Apps", Parent = parent };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            unit.PlaceUnder(parent);
            for (var i = 1; i <= 8; i++)
            {
                db.People.Add(new Person { Name = $"Field Lead {i}", Email = $"field.lead{i}@aurora-telematics.example", UnitId = unit.Id, IsLead = true });
            }
            db.People.Add(new Person { Name = "Field Member", Email = "field.member@aurora-telematics.example", UnitId = unit.Id });
            await db.SaveChangesAsync();
            return (programme.Id, unit.NamePath, 8);
        });
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoUsers.Ambassador);

        await page.GotoAsync($"/Programmes/Details/{programmeId}");
        await page.ClickAsync("text=Add a wave");
        await page.FillAsync("#Input_Name", "Pilot: Field Apps leads");
        await page.SelectOptionAsync("#Input_Kind", "Pilot");
        await page.FillAsync("#Input_PlannedStart", "2027-01-11");
        await page.FillAsync("#Input_PlannedEnd", "2027-02-26");
        await page.FillAsync("#Input_ExitMilestone", "Every pilot lead has a draft team objective");
        await page.FillAsync("#Input_MilestoneTargetDate", "2027-02-26");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Pilot: Field Apps leads");

        await page.SelectOptionAsync("#Add_UnitId", new SelectOptionValue { Label = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0Field Apps" });
        await page.CheckAsync("#Add_LeadsOnly");
        await page.ClickAsync("#add-members-form button[type=submit]");
        await Assertions.Expect(page.Locator(".status")).ToContainTextAsync($"People added: {leads}.");
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(leads);

        await page.FillAsync("#GroupSize", "6");
        await page.ClickAsync("#split-form button[type=submit]");
        await Assertions.Expect(page.Locator("#groups tbody tr")).ToHaveCountAsync(2);
        Assert.Equal(["4 / 6", "4 / 6"], await page.Locator("#groups tbody tr td:nth-child(2)").AllInnerTextsAsync());

        // The member list filters as one types, without a reload.
        var someone = await browser.App.WithDbAsync(db => db.WaveMembers.Where(m => m.ProgrammeId == programmeId).OrderBy(m => m.PersonId).Select(m => m.Person.Email).FirstAsync());
        await page.FillAsync("#List_Q", someone);
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#member-match-count")).ToHaveTextAsync($"1 of {leads} people match.");

        await page.GotoAsync($"/Programmes/Timeline/{programmeId}");
        await Assertions.Expect(page.Locator("svg#timeline g.wave-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("svg#timeline g.wave-row text")).ToHaveTextAsync("Pilot: Field Apps leads");
        await Assertions.Expect(page.Locator("svg#timeline path.milestone")).ToHaveCountAsync(1);
        Assert.Equal(unitPath, await browser.App.WithDbAsync(db => db.WaveMembers.Where(m => m.ProgrammeId == programmeId).Select(m => m.Person.Unit.NamePath).Distinct().SingleAsync()));
    }
}

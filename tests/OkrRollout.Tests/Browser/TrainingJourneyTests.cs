using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class TrainingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Ambassador_schedules_invites_a_group_an_invitee_registers_by_link_and_attendance_toggles_update_the_roster_in_place()
    {
        var group = await browser.App.WithDbAsync(db => db.RolloutGroups.Where(g => g.Name == "Rollout group D").Select(g => new { g.Id, g.Name, Members = g.Wave.Members.Count(m => m.RolloutGroupId == g.Id) }).SingleAsync());
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoUsers.Ambassador);

        await page.GotoAsync("/Training/Sessions/Edit");
        await page.SelectOptionAsync("#Input_Kind", "KeyResultWorkshop");
        await page.FillAsync("#Input_Title", "Key results for group D");
        await page.FillAsync("#Input_Room", "Saimaa meeting room");
        await page.FillAsync("#Input_Start", browser.App.NowUtc.AddDays(6).ToString("yyyy-MM-ddT09:00"));
        await page.FillAsync("#Input_Capacity", "8");
        await page.FillAsync("#Input_TrainerEmails", DemoUsers.Ambassador);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Key results for group D");
        var sessionId = int.Parse(Regex.Match(page.Url, @"/Details/(\d+)").Groups[1].Value);

        await page.SelectOptionAsync("#Invite_RolloutGroupId", group.Id.ToString());
        // The group is trained together, whatever each member's language.
        await page.CheckAsync("#Invite_AnyLanguage");
        await page.ClickAsync("#invite-form button[type=submit]");
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync($"{group.Members} invited; people already on the roster were not invited again.");
        await Assertions.Expect(page.Locator("#roster tbody tr")).ToHaveCountAsync(group.Members);

        var (invitee, body) = await browser.App.WithDbAsync(async db =>
        {
            var message = await db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith($"training-invite:{sessionId}:")).OrderBy(m => m.Id).FirstAsync();
            return (message.RecipientEmail, message.TextBody);
        });
        var link = Regex.Match(browser.App.AsSent(body), "/Training/Respond/[A-Za-z0-9_-]+").Value;
        var inviteePage = await browser.NewPageAsync();
        await inviteePage.GotoAsync(link);
        await inviteePage.ClickAsync("#respond-register");
        await Assertions.Expect(inviteePage.Locator("#respond-state")).ToHaveTextAsync("Registered");

        // The session starts.
        await browser.App.WithDbAsync(db => db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartUtc, browser.App.NowUtc.AddMinutes(-10))));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-state=Registered] strong")).ToHaveTextAsync("1");
        await page.EvaluateAsync("window.okrNoReloadMarker = 42");
        var personId = await browser.App.WithDbAsync(db => db.People.Where(p => p.Email == invitee).Select(p => p.Id).SingleAsync());

        await page.ClickAsync($"#roster-{personId} button.toggle-attended");

        await Assertions.Expect(page.Locator($"#roster-{personId} td.state")).ToHaveTextAsync("Attended");
        await Assertions.Expect(page.Locator("[data-state=Attended] strong")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-state=Registered] strong")).ToHaveTextAsync("0");
        var other = await browser.App.WithDbAsync(db => db.Enrollments.Where(e => e.SessionId == sessionId && e.PersonId != personId).Select(e => e.PersonId).FirstAsync());
        await page.ClickAsync($"#roster-{other} button.toggle-attended");
        await Assertions.Expect(page.Locator("[data-state=Attended] strong")).ToHaveTextAsync("2");
        Assert.Equal(42, await page.EvaluateAsync<int>("window.okrNoReloadMarker"));
        Assert.Equal(EnrollmentState.Attended, await browser.App.WithDbAsync(db => db.Enrollments.Where(e => e.SessionId == sessionId && e.PersonId == personId).Select(e => e.State).SingleAsync()));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserFixture browser)
{
    private static async Task<int> InvitedAsync(IPage page) =>
        int.Parse(await page.Locator("#funnel-table tr[data-stage=Invited] td:nth-child(2)").InnerTextAsync());

    [Fact]
    public async Task The_ambassador_marks_attendance_and_the_funnel_moves_then_drills_into_a_unit_and_a_leader_sees_lagging_units_without_names()
    {
        var (sessionId, personId, programmeId) = await browser.App.WithDbAsync(async db =>
        {
            // Other journeys create programmes of their own, so the dashboard is opened for the demo programme by id.
            // A wave member invited to a key-result workshop registers, and the workshop starts.
            var demo = await db.Programmes.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var enrollment = await db.Enrollments.Where(e => e.Session.Kind == SessionKind.KeyResultWorkshop && e.Session.StartUtc > browser.App.NowUtc)
                .Where(e => db.WaveMembers.Any(m => m.PersonId == e.PersonId && m.ProgrammeId == demo))
                .Where(e => !db.Enrollments.Any(x => x.PersonId == e.PersonId && x.State == EnrollmentState.Attended)).FirstAsync();
            enrollment.State = EnrollmentState.Registered;
            await db.SaveChangesAsync();
            await db.TrainingSessions.Where(s => s.Id == enrollment.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartUtc, browser.App.NowUtc.AddMinutes(-5)));
            return (enrollment.SessionId, enrollment.PersonId, demo);
        });
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, DemoUsers.Ambassador);
        await page.GotoAsync($"/Dashboard?programmeId={programmeId}");
        var invitedBefore = await InvitedAsync(page);

        await page.GotoAsync($"/Training/Sessions/Details/{sessionId}");
        await page.ClickAsync($"#roster-{personId} button.toggle-attended");
        await Assertions.Expect(page.Locator($"#roster-{personId} td.state")).ToHaveTextAsync("Attended");

        await page.GotoAsync($"/Dashboard?programmeId={programmeId}");
        Assert.Equal(invitedBefore - 1, await InvitedAsync(page));

        var figure = page.Locator("#unit-progress tbody td[data-stage] a").First;
        var count = int.Parse(await figure.InnerTextAsync());
        await page.EvaluateAsync("window.okrNoReloadMarker = 7");
        await figure.ClickAsync();
        await Assertions.Expect(page.Locator("#drill-down li")).ToHaveCountAsync(count);
        Assert.Equal(7, await page.EvaluateAsync<int>("window.okrNoReloadMarker"));

        var leader = await browser.NewPageAsync();
        await browser.SignInAsync(leader, DemoUsers.Leader);
        await leader.GotoAsync($"/Dashboard?programmeId={programmeId}");
        await Assertions.Expect(leader.Locator("#unit-progress tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(0, await leader.Locator("#unit-progress a").CountAsync());
        // The unit table fits a 1280 px window: nothing sticks out to the right.
        await leader.SetViewportSizeAsync(1280, 800);
        Assert.True(await leader.EvaluateAsync<bool>("document.querySelector('#unit-progress').getBoundingClientRect().right <= document.documentElement.clientWidth"), await leader.EvaluateAsync<string>("JSON.stringify([document.querySelector('#unit-progress').getBoundingClientRect().right, document.documentElement.clientWidth, [...document.querySelectorAll('#unit-progress thead th')].map(t => t.textContent + ':' + Math.round(t.getBoundingClientRect().width))])") +
            "the unit table is wider than a 1280 px window");
        Assert.Equal(0, await leader.Locator("#drill-down").CountAsync());
        var lag = (await leader.Locator("#unit-progress td.lag").AllInnerTextsAsync()).Where(t => t.Trim() != "–").Select(t => double.Parse(t.Replace("%", "").Trim())).ToList();
        // A leader sees a unit's share in started waves only where enough of its people have started.
        Assert.True(lag.Count == 0 || lag.Min() == lag[0]);

        // The leader opens the department that lags most to see which of its units hold it back (no page reload, no names).
        await leader.EvaluateAsync("window.okrNoReloadMarker = 8");
        await leader.Locator("#department-progress tbody tr a").First.ClickAsync();
        await Assertions.Expect(leader.Locator("#sub-unit-progress tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(0, await leader.Locator("#department-units a[hx-get*='handler=People']").CountAsync());
        Assert.Equal(8, await leader.EvaluateAsync<int>("window.okrNoReloadMarker"));
    }
}

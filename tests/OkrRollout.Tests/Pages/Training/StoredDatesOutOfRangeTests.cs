using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Pages.Training;

/// <summary>A session stored before dates were bounded must not break its page, the calendar or its invitations.</summary>
public class StoredDatesOutOfRangeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Stored_session_at_the_end_of_time_still_gets_its_invitations()
    {
        // 23:59 on 31 December 9999 in Helsinki, for a whole day: its end is past the last moment a DateTime holds.
        var sessionId = await factory.WithDbAsync(async db =>
        {
            var session = new TrainingSession { Kind = SessionKind.RetroFacilitation, Language = Language.Fi, Mode = SessionMode.InPerson, Room = "Room 1", StartUtc = new DateTime(9999, 12, 31, 21, 59, 0, DateTimeKind.Utc), DurationMinutes = 24 * 60, Capacity = 10 };
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}");

        var invited = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#invite-form")!, new() { ["Invite.Emails"] = DemoUsers.Member });

        Assert.Equal("1 invited; people already on the roster were not invited again.", invited.QuerySelector(".status")!.TextContent);
        var calendar = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.TrainingInvitation) && m.DeduplicationKey!.StartsWith($"training-invite:{sessionId}:")).Select(m => m.Calendar).SingleAsync());
        Assert.Contains("DTSTART;TZID=Europe/Helsinki:99991231T235900", calendar);
        Assert.Contains("DTEND;TZID=Europe/Helsinki:99991231T235959", calendar);

        var cancelled = await ambassador.SubmitAsync(invited.QuerySelector<IHtmlFormElement>("#cancel-session-form")!);
        Assert.Equal("The session was cancelled; 1 people were told.", cancelled.QuerySelector(".status")!.TextContent);
        foreach (var url in new[] { "/Training?past=true", "/Training?view=month&month=9999-12", $"/Training/Sessions/Edit/{sessionId}", "/Training/Mine" })
        {
            await ambassador.GetAsync(url);
        }
    }
}

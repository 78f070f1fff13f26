using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Training;

public class FollowUpTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Registered_people_are_reminded_the_day_before_and_attendees_get_the_feedback_pulse_once()
    {
        var (tomorrow, yesterday, people) = await factory.WithDbAsync(async db =>
        {
            var ids = await db.People.Where(p => !p.IsLead).OrderBy(p => p.Id).Skip(100).Take(3).Select(p => p.Id).ToListAsync();
            var a = new TrainingSession { Kind = SessionKind.CheckInPractice, Language = Language.Fi, Mode = SessionMode.Online, Link = "https://meet.example.com/a", DurationMinutes = 60, Capacity = 10,
                StartUtc = TestClock.At(factory.Today.AddDays(1), new TimeOnly(10, 0)).UtcDateTime };
            var b = new TrainingSession { Kind = SessionKind.RetroFacilitation, Language = Language.En, Mode = SessionMode.InPerson, Room = "Room", DurationMinutes = 60, Capacity = 10, StartUtc = factory.NowUtc.AddDays(-1) };
            a.Enrollments.AddRange([new Enrollment { PersonId = ids[0], State = EnrollmentState.Registered, ResponseTokenHash = "" }, new Enrollment { PersonId = ids[1], State = EnrollmentState.Invited, ResponseTokenHash = "" }]);
            b.Enrollments.AddRange([new Enrollment { PersonId = ids[2], State = EnrollmentState.Attended, ResponseTokenHash = "" }, new Enrollment { PersonId = ids[1], State = EnrollmentState.NoShow, ResponseTokenHash = "" }]);
            db.TrainingSessions.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id, ids);
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var followUps = scope.ServiceProvider.GetRequiredService<SessionFollowUps>();
            Assert.Equal(1, await followUps.QueueRemindersAsync(CancellationToken.None));
            Assert.Equal(1, await followUps.QueueFeedbackRequestsAsync(CancellationToken.None));
            Assert.Equal(0, await followUps.QueueRemindersAsync(CancellationToken.None));
            Assert.Equal(0, await followUps.QueueFeedbackRequestsAsync(CancellationToken.None));
        }

        var messages = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith($"reminder:{tomorrow}:") || m.DeduplicationKey!.StartsWith($"feedback:{yesterday}:")).ToListAsync());
        Assert.Equal([$"feedback:{yesterday}:{people[2]}", $"reminder:{tomorrow}:{people[0]}"], messages.Select(m => m.DeduplicationKey).Order());
        var feedbackMail = messages.Single(m => m.Template == nameof(EmailTemplate.FeedbackRequest));
        var link = System.Text.RegularExpressions.Regex.Match(factory.AsSent(feedbackMail.TextBody), "/Training/Feedback/[A-Za-z0-9_-]+").Value;

        using var anonymous = new PageSession(factory.CreateClient());
        var page = await anonymous.GetAsync(link);
        var none = await anonymous.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#feedback-form")!, new() { ["Comment"] = "no score" });
        // The page speaks the attendee's language.
        var finnish = await factory.WithDbAsync(db => db.People.AnyAsync(p => p.Id == people[2] && p.PreferredLanguage == Language.Fi));
        Assert.Equal(finnish ? "Valitse 1–5." : "Choose 1 to 5.", none.QuerySelector("[data-valmsg-for='Score']")!.TextContent);
        var saved = await anonymous.SubmitAsync(none.QuerySelector<IHtmlFormElement>("#feedback-form")!, new() { ["Score"] = "4", ["Comment"] = "The practice round helped." });

        Assert.NotNull(saved.QuerySelector("#feedback-saved"));
        Assert.Equal((4, "The practice round helped."), await factory.WithDbAsync(async db =>
        {
            var f = await db.SessionFeedback.SingleAsync(x => x.SessionId == yesterday);
            return (f.Score, f.Comment);
        }));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Pages.Training;

/// <summary>"The day before" is a day in Helsinki, also when the clocks change and the year turns.</summary>
public class RemindersAcrossTheCalendarTests
{
    [Theory]
    // the job runs at       sessions at (Helsinki)                        reminded
    [InlineData("2027-03-27 12:00", new[] { "2027-03-28 00:30", "2027-03-28 10:00", "2027-03-28 23:30", "2027-03-29 00:30", "2027-03-27 18:00" }, new[] { true, true, true, false, false })]
    [InlineData("2027-10-30 12:00", new[] { "2027-10-31 00:30", "2027-10-31 03:30", "2027-10-31 23:30", "2027-11-01 00:10" }, new[] { true, true, true, false })]
    [InlineData("2027-12-31 23:30", new[] { "2028-01-01 00:30", "2028-01-01 23:59", "2028-01-02 00:00" }, new[] { true, true, false })]
    [InlineData("2028-02-28 08:00", new[] { "2028-02-29 09:00", "2028-03-01 09:00" }, new[] { true, false })]
    [InlineData("2028-06-04 23:30", new[] { "2028-06-05 08:00", "2028-06-06 08:00" }, new[] { true, false })]
    public async Task Registered_people_are_reminded_of_the_sessions_of_the_next_day_in_Helsinki(string jobRunsAt, string[] sessionsAt, bool[] reminded)
    {
        using var factory = new AppFactory();
        factory.StartClockAt(Helsinki(jobRunsAt));
        var person = await factory.WithDbAsync(db => db.People.Where(p => !p.IsLead).OrderBy(p => p.Id).Skip(120).Select(p => p.Id).FirstAsync());
        var sessions = await factory.WithDbAsync(async db =>
        {
            var added = sessionsAt.Select(at => new TrainingSession
            {
                Kind = SessionKind.CheckInPractice, Language = Language.En, Mode = SessionMode.Online, Link = "https://meet.example.com/c", DurationMinutes = 30, Capacity = 5,
                StartUtc = Helsinki(at).UtcDateTime,
                Enrollments = { new Enrollment { PersonId = person, State = EnrollmentState.Registered, ResponseTokenHash = "" } },
            }).ToList();
            db.TrainingSessions.AddRange(added);
            await db.SaveChangesAsync();
            return added.Select(s => s.Id).ToList();
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SessionFollowUps>().QueueRemindersAsync(CancellationToken.None);
        }

        var keys = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith("reminder:")).Select(m => m.DeduplicationKey!).ToListAsync());
        Assert.Equal(reminded, sessions.Select(id => keys.Contains($"reminder:{id}:{person}")));
    }

    private static DateTimeOffset Helsinki(string at)
    {
        var local = DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        return TestClock.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}

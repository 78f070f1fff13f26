using Microsoft.Extensions.Time.Testing;
using OkrRollout.Web.Seeding;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: it says what the test sets and does not move by itself, so no test
/// depends on the day it runs. Times are given as the organisation sees them (Europe/Helsinki).
/// </summary>
public static class TestClock
{
    public static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>10:00 in Helsinki on the day the seed files tell the demo's story for: the demo loads unshifted.</summary>
    public static DateTimeOffset StoryDay => At(DemoSeeder.SeedsTellTheStoryAsOf, new TimeOnly(10, 0));

    /// <summary>A wall-clock time in Helsinki as an instant.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), Helsinki), TimeSpan.Zero);

    public static FakeTimeProvider Starting(DateTimeOffset now) => new(now);
}

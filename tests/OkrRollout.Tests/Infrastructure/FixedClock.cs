namespace OkrRollout.Tests.Infrastructure;

/// <summary>A clock that says what the test needs it to say; local time is UTC.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

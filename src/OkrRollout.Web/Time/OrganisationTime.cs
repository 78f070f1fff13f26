using System.Globalization;

namespace OkrRollout.Web.Time;

/// <summary>
/// The organisation's clock, the one place that says what "now" and "today" are. Every "now" comes
/// from the <see cref="TimeProvider"/>; every date a person sees or a rule compares ("today",
/// "tomorrow's sessions", "this week", period and wave states) is a date in the organisation's time
/// zone (<c>Organisation:TimeZone</c>, default Europe/Helsinki), whatever zone the server runs in.
/// Times are stored in UTC.
/// </summary>
public sealed class OrganisationTime(IConfiguration configuration, TimeProvider clock)
{
    public const string ZoneSetting = "Organisation:TimeZone";

    public TimeZoneInfo Zone { get; } = Find(configuration[ZoneSetting] ?? "Europe/Helsinki");

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>The organisation's date now.</summary>
    public DateOnly Today => DateOf(NowUtc);

    /// <summary>The organisation's date at a moment stored in UTC.</summary>
    public DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>Monday of the week a date falls in (ISO 8601 weeks, as in Finland and Germany).</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The ISO week a date falls in, as "2026-W49".</summary>
    public static string IsoWeek(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}";
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// A wall-clock time in the organisation's zone as UTC. A time that the spring change skips
    /// (03:30 on the last Sunday of March in Helsinki) is read as the same time after the change,
    /// as calendar programs do; one that the autumn change repeats is read as the first of the two.
    /// </summary>
    public DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.Add(SkippedBy(local));
        }
        if (Zone.IsAmbiguousTime(local))
        {
            return DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>The first moment of an organisation's day, in UTC.</summary>
    public DateTime StartOfDayUtc(DateOnly date) => ToUtc(date.ToDateTime(TimeOnly.MinValue));

    public string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    public string FormatDate(DateTime utc) => DateOf(utc).ToString("d", CultureInfo.CurrentCulture);

    private TimeSpan SkippedBy(DateTime local)
    {
        var before = Zone.GetUtcOffset(local.AddHours(-3));
        var after = Zone.GetUtcOffset(local.AddHours(3));
        return after > before ? after - before : TimeSpan.FromHours(1);
    }

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException exception)
        {
            throw new InvalidOperationException($"{ZoneSetting} is '{id}', which is not a time zone this machine knows (use an IANA name such as Europe/Helsinki).", exception);
        }
    }
}

using System.Globalization;

namespace OkrRollout.Web.Training;

/// <summary>Sessions are planned in the organisation's time zone (Organisation:TimeZone, default Europe/Helsinki) and stored in UTC.</summary>
public sealed class OrganisationTime(IConfiguration configuration, TimeProvider clock)
{
    public TimeZoneInfo Zone { get; } = Find(configuration["Organisation:TimeZone"] ?? "Europe/Helsinki");

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public DateTime NowLocal => ToLocal(NowUtc);

    public string Format(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

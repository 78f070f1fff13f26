using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using OkrRollout.Web.Time;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace OkrRollout.Web.Email;

public enum CalendarMethod
{
    Request,
    Cancel,
}

/// <summary>One training session as a calendar event for one attendee.</summary>
public sealed record CalendarEvent(
    string Uid, int Sequence, DateTime StartUtc, TimeSpan Duration, string Summary, string Description, string? Location, string? Url,
    string OrganizerName, string OrganizerEmail, string AttendeeName, string AttendeeEmail);

/// <summary>
/// The RFC 5545 calendar object of an invitation, update or cancellation, written by Ical.Net: one
/// VEVENT whose start and end are wall-clock times in the organisation's zone, with that zone's
/// VTIMEZONE rules, so calendars show the session at the same hour across a DST change. Updates keep
/// the UID and raise SEQUENCE; a cancellation is METHOD:CANCEL with STATUS:CANCELLED.
/// </summary>
public static class IcsWriter
{
    /// <summary>One entry of a calendar subscription: a session, cancelled or not.</summary>
    public sealed record FeedEntry(string Uid, int Sequence, DateTime StartUtc, TimeSpan Duration, string Summary, string Description, string? Location, string? Url, bool Cancelled);

    /// <summary>
    /// A subscription feed (no METHOD, as RFC 5545 publishes it): calendars that subscribe read it
    /// again from time to time and follow changes by UID and SEQUENCE; a cancelled session stays in it, marked CANCELLED.
    /// </summary>
    public static string WriteFeed(string name, IEnumerable<FeedEntry> entries, DateTime stampUtc, TimeZoneInfo zone)
    {
        var calendar = NewCalendar(method: null, zone);
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var e in entries)
        {
            calendar.Events.Add(NewEvent(e, stampUtc, zone));
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static string Write(CalendarEvent e, CalendarMethod method, DateTime stampUtc, TimeZoneInfo zone)
    {
        var calendar = NewCalendar(method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST", zone);
        var calendarEvent = NewEvent(new FeedEntry(e.Uid, e.Sequence, e.StartUtc, e.Duration, e.Summary, e.Description, e.Location, e.Url, method == CalendarMethod.Cancel), stampUtc, zone);
        calendarEvent.Organizer = new Organizer("mailto:" + e.OrganizerEmail) { CommonName = e.OrganizerName };
        calendarEvent.Attendees.Add(new Attendee("mailto:" + e.AttendeeEmail)
        {
            CommonName = e.AttendeeName,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "NEEDS-ACTION",
            Rsvp = true,
        });
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static Calendar NewCalendar(string? method, TimeZoneInfo zone)
    {
        var calendar = new Calendar { ProductId = "-//OkrRollout//Training sessions//EN" };
        if (method is not null)
        {
            calendar.Method = method;
        }
        // Ical.Net reads the zone's rules from the given date up to the machine's clock, and throws when
        // that date is later: so not the session's date (a session more than a year ahead had no invitation),
        // but a fixed date before every session the app accepts. The latest rules are written either way.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Id, SaneDates.Earliest.ToDateTime(TimeOnly.MinValue), includeHistoricalData: false));
        return calendar;
    }

    /// <summary>One session as a VEVENT with wall-clock start and end in the organisation's zone.</summary>
    private static IcalEvent NewEvent(FeedEntry e, DateTime stampUtc, TimeZoneInfo zone) => new()
    {
        Uid = e.Uid,
        Sequence = e.Sequence,
        DtStamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc), "UTC", hasTime: true),
        DtStart = new CalDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.StartUtc, DateTimeKind.Utc), zone), zone.Id, hasTime: true),
        DtEnd = new CalDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(SaneDates.AddClamped(e.StartUtc, e.Duration), DateTimeKind.Utc), zone), zone.Id, hasTime: true),
        Summary = e.Summary,
        Description = e.Description,
        Location = string.IsNullOrWhiteSpace(e.Location) ? null : e.Location,
        Url = string.IsNullOrWhiteSpace(e.Url) ? null : new Uri(e.Url),
        Status = e.Cancelled ? "CANCELLED" : "CONFIRMED",
    };
}

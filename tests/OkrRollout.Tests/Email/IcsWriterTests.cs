using System.Text;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Email;

public class IcsWriterTests
{
    private static readonly DateTime Stamp = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);

    // 08:00 UTC on 3 December 2026 is 10:00 in Helsinki (winter time, UTC+2).
    private static CalendarEvent Event(string summary = "OKR basics", string description = "Bring your team's draft objective.", int sequence = 0, DateTime? startUtc = null, string organizer = "Kaisa Virtanen") => new(
        "session-42@okrrollout", sequence, startUtc ?? new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(90), summary, description,
        "Room Saimaa, 2nd floor", "https://meet.example.com/okr", organizer, "kaisa.virtanen@example.com", "Emma Laine", "emma.laine@example.com");

    private static string Write(CalendarEvent e, CalendarMethod method = CalendarMethod.Request) => IcsWriter.Write(e, method, Stamp, TestClock.Helsinki);

    private static string[] Lines(string ics) => ics.Replace("\r\n ", "").Split("\r\n");

    [Fact]
    public void A_request_has_crlf_lines_the_sessions_wall_clock_times_in_Helsinki_with_the_zones_rules_and_the_required_properties()
    {
        var ics = Write(Event());

        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        var lines = Lines(ics);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("UID:session-42@okrrollout", lines);
        Assert.Contains("SEQUENCE:0", lines);
        Assert.Contains("DTSTAMP:20261121T100000Z", lines);
        Assert.Contains("DTSTART;TZID=Europe/Helsinki:20261203T100000", lines);
        Assert.Contains("DTEND;TZID=Europe/Helsinki:20261203T113000", lines);
        Assert.Contains("TZID:Europe/Helsinki", lines);
        Assert.Contains("BEGIN:STANDARD", lines);
        Assert.Contains("BEGIN:DAYLIGHT", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
        Assert.Contains("ORGANIZER;CN=Kaisa Virtanen:mailto:kaisa.virtanen@example.com", lines);
        Assert.Contains("ATTENDEE;CN=Emma Laine;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:emma.laine@example.com", lines);
        Assert.Equal(1, lines.Count(l => l == "BEGIN:VEVENT"));
    }

    [Fact]
    public void A_session_after_the_spring_change_keeps_its_wall_clock_hour()
    {
        // 07:00 UTC on 29 March 2027 is 10:00 in Helsinki (summer time, UTC+3).
        var lines = Lines(Write(Event(startUtc: new DateTime(2027, 3, 29, 7, 0, 0, DateTimeKind.Utc))));

        Assert.Contains("DTSTART;TZID=Europe/Helsinki:20270329T100000", lines);
    }

    [Fact]
    public void Text_values_escape_semicolon_and_comma_and_parameters_with_separators_are_quoted()
    {
        var lines = Lines(Write(Event(summary: "Check-ins; retros, and more", organizer: "Virtanen, \"Kaisa\"")));

        Assert.Contains(@"SUMMARY:Check-ins\; retros\, and more", lines);
        Assert.Contains(@"LOCATION:Room Saimaa\, 2nd floor", lines);
        Assert.Contains("ORGANIZER;CN=\"Virtanen, Kaisa\":mailto:kaisa.virtanen@example.com", lines);
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var description = string.Concat(Enumerable.Repeat("Ääkkösiä ja avaintuloksia – ", 12));
        var ics = Write(Event(description: description));

        foreach (var line in ics.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
        }
        Assert.Contains("DESCRIPTION:" + description.TrimEnd(), Lines(ics).Select(l => l.TrimEnd()));
    }

    [Fact]
    public void An_update_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_says_so()
    {
        var update = Lines(Write(Event(sequence: 2)));
        var cancel = Lines(Write(Event(sequence: 3), CalendarMethod.Cancel));

        Assert.Contains("SEQUENCE:2", update);
        Assert.Contains("UID:session-42@okrrollout", cancel);
        Assert.Contains("SEQUENCE:3", cancel);
        Assert.Contains("METHOD:CANCEL", cancel);
        Assert.Contains("STATUS:CANCELLED", cancel);
    }

    [Fact]
    public void Another_parser_reads_what_we_write()
    {
        var parsed = IcalendarParser.Parse(Write(Event(summary: "Check-ins; retros, and more")));

        var calendarEvent = Assert.Single(parsed.GetProperty("events").EnumerateArray());
        Assert.Equal("Check-ins; retros, and more", calendarEvent.GetProperty("summary").GetString());
        Assert.Equal("2026-12-03T08:00:00Z", calendarEvent.GetProperty("start_utc").GetString());
        Assert.Equal("2026-12-03T09:30:00Z", calendarEvent.GetProperty("end_utc").GetString());
        Assert.Equal("mailto:kaisa.virtanen@example.com", calendarEvent.GetProperty("organizer").GetString());
    }

    [Fact]
    public void A_session_on_the_last_day_of_the_range_has_the_zones_rules_whatever_the_machines_clock()
    {
        // 21:00 UTC on 31 December 2100 is 23:00 in Helsinki. The zone's rules were read from a year before
        // the session up to the machine's clock, which failed for any session more than a year ahead.
        var ics = Write(Event(startUtc: new DateTime(2100, 12, 31, 21, 0, 0, DateTimeKind.Utc)));

        var parsed = IcalendarParser.Parse(ics);
        Assert.Equal(["Europe/Helsinki"], parsed.GetProperty("timezones").EnumerateArray().Select(t => t.GetString()));
        var calendarEvent = Assert.Single(parsed.GetProperty("events").EnumerateArray());
        Assert.Equal("2100-12-31T21:00:00Z", calendarEvent.GetProperty("start_utc").GetString());
        Assert.Equal("2100-12-31T22:30:00Z", calendarEvent.GetProperty("end_utc").GetString());
    }

    [Fact]
    public void A_stored_session_ending_past_the_last_moment_there_is_ends_at_that_moment()
    {
        var lines = Lines(Write(Event(startUtc: new DateTime(9999, 12, 31, 21, 59, 0, DateTimeKind.Utc)) with { Duration = TimeSpan.FromDays(1) }));

        Assert.Contains("DTSTART;TZID=Europe/Helsinki:99991231T235900", lines);
        Assert.Contains("DTEND;TZID=Europe/Helsinki:99991231T235959", lines);
    }
}

using System.Text;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Email;

public class IcsWriterTests
{
    private static readonly DateTime Stamp = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);

    private static CalendarEvent Event(string summary = "OKR basics", string description = "Bring your team's draft objective.", int sequence = 0) => new(
        "session-42@okrrollout", sequence, new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(90), summary, description,
        "Room Saimaa, 2nd floor", "https://meet.example.com/okr", "Kaisa Virtanen", "kaisa.virtanen@example.com", "Emma Laine", "emma.laine@example.com");

    private static string[] Lines(string ics) => ics.Split("\r\n");

    [Fact]
    public void A_request_has_crlf_lines_utc_times_and_the_required_properties()
    {
        var ics = IcsWriter.Write(Event(), CalendarMethod.Request, Stamp);

        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        var lines = Lines(ics);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("UID:session-42@okrrollout", lines);
        Assert.Contains("SEQUENCE:0", lines);
        Assert.Contains("DTSTAMP:20261121T100000Z", lines);
        Assert.Contains("DTSTART:20261203T080000Z", lines);
        Assert.Contains("DTEND:20261203T093000Z", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
        Assert.Contains("ORGANIZER;CN=Kaisa Virtanen:mailto:kaisa.virtanen@example.com", lines);
        Assert.Equal(1, lines.Count(l => l == "BEGIN:VEVENT"));
    }

    [Fact]
    public void Text_values_escape_backslash_semicolon_comma_and_newlines()
    {
        Assert.Equal(@"a\\b\; c\, d\ne\nf", IcsWriter.EscapeText("a\\b; c, d\r\ne\nf"));
        var ics = IcsWriter.Write(Event(summary: "Check-ins; retros, and more"), CalendarMethod.Request, Stamp);
        Assert.Contains(@"SUMMARY:Check-ins\; retros\, and more", ics);
        Assert.Contains(@"LOCATION:Room Saimaa\, 2nd floor", ics);
    }

    [Fact]
    public void Parameters_with_separators_are_quoted_and_lose_double_quotes()
    {
        Assert.Equal("\"Virtanen, Kaisa\"", IcsWriter.Parameter("Virtanen, \"Kaisa\""));
        Assert.Equal("Kaisa", IcsWriter.Parameter("Kaisa"));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var description = string.Concat(Enumerable.Repeat("Ääkkösiä ja avaintuloksia – ", 12));
        var ics = IcsWriter.Write(Event(description: description), CalendarMethod.Request, Stamp);

        foreach (var line in Lines(ics))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}");
        }
        var unfolded = ics.Replace("\r\n ", "");
        Assert.Contains("DESCRIPTION:" + IcsWriter.EscapeText(description) + "\r\n", unfolded);
    }

    [Fact]
    public void An_update_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_says_so()
    {
        var update = Lines(IcsWriter.Write(Event(sequence: 2), CalendarMethod.Request, Stamp));
        var cancel = Lines(IcsWriter.Write(Event(sequence: 3), CalendarMethod.Cancel, Stamp));

        Assert.Contains("SEQUENCE:2", update);
        Assert.Contains("UID:session-42@okrrollout", cancel);
        Assert.Contains("SEQUENCE:3", cancel);
        Assert.Contains("METHOD:CANCEL", cancel);
        Assert.Contains("STATUS:CANCELLED", cancel);
    }
}

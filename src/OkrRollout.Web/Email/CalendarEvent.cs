using System.Globalization;
using System.Text;

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
/// Writes an RFC 5545 calendar object with one VEVENT: CRLF line ends, lines folded at 75 octets
/// without splitting a UTF-8 character, TEXT values escaped, times in UTC. Updates keep the UID and
/// raise SEQUENCE; a cancellation is METHOD:CANCEL with STATUS:CANCELLED.
/// </summary>
public static class IcsWriter
{
    private const int MaxOctets = 75;

    public static string Write(CalendarEvent e, CalendarMethod method, DateTime stampUtc)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "PRODID:-//OkrRollout//Training sessions//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:" + (method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST"),
            "BEGIN:VEVENT",
            "UID:" + e.Uid,
            "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture),
            "DTSTAMP:" + Utc(stampUtc),
            "DTSTART:" + Utc(e.StartUtc),
            "DTEND:" + Utc(e.StartUtc + e.Duration),
            "SUMMARY:" + EscapeText(e.Summary),
            "DESCRIPTION:" + EscapeText(e.Description),
        };
        if (!string.IsNullOrWhiteSpace(e.Location))
        {
            lines.Add("LOCATION:" + EscapeText(e.Location));
        }
        if (!string.IsNullOrWhiteSpace(e.Url))
        {
            lines.Add("URL:" + e.Url);
        }
        lines.Add($"ORGANIZER;CN={Parameter(e.OrganizerName)}:mailto:{e.OrganizerEmail}");
        lines.Add($"ATTENDEE;CN={Parameter(e.AttendeeName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{e.AttendeeEmail}");
        lines.Add("STATUS:" + (method == CalendarMethod.Cancel ? "CANCELLED" : "CONFIRMED"));
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, text);
        }
        return text.ToString();
    }

    public static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 3.3.11: backslash, semicolon and comma are escaped; a line break becomes \n.</summary>
    public static string EscapeText(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>A parameter value is quoted when it holds : ; or , and may not contain a double quote at all.</summary>
    public static string Parameter(string value)
    {
        var clean = value.Replace("\"", "").Replace("\r", " ").Replace("\n", " ");
        return clean.IndexOfAny([':', ';', ',']) >= 0 ? $"\"{clean}\"" : clean;
    }

    /// <summary>Content lines longer than 75 octets continue on lines that start with one space.</summary>
    private static void Fold(string line, StringBuilder output)
    {
        var octets = 0;
        var limit = MaxOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1;
            }
            output.Append(rune.ToString());
            octets += size;
        }
        output.Append("\r\n");
    }
}

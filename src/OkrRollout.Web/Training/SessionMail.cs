using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Training;

/// <summary>Renders a session's e-mails for one person, in their language, with the calendar event when there is one.</summary>
public sealed class SessionMail(EmailTemplates templates, EmailOptions email, EmailLinks links, OrganisationTime time)
{
    public sealed record Recipient(int PersonId, string Name, string Email, Language Language);

    public (RenderedEmail Rendered, string? Calendar) Render(EmailTemplate template, TrainingSession session, Recipient recipient, string? link, CalendarMethod? method, IReadOnlyList<(string Name, string Email)> trainers)
    {
        var title = Title(session, recipient.Language);
        var place = session.Mode == SessionMode.Online ? session.Link : session.Room;
        var rendered = templates.Render(template, recipient.Language, recipient.Name, link, title, time.ToLocal(session.StartUtc), session.DurationMinutes, place);
        string? calendar = null;
        if (method is { } calendarMethod)
        {
            var organizer = trainers.Count > 0 ? trainers[0] : (email.FromName, email.From);
            calendar = IcsWriter.Write(new CalendarEvent(session.CalendarUid, session.Sequence, session.StartUtc, TimeSpan.FromMinutes(session.DurationMinutes), title,
                session.Description, session.Mode == SessionMode.InPerson ? session.Room : null, session.Mode == SessionMode.Online ? session.Link : null,
                organizer.Item1, organizer.Item2, recipient.Name, recipient.Email), calendarMethod, time.NowUtc, time.Zone);
        }
        return (rendered, calendar);
    }

    public string Title(TrainingSession session, Language language) =>
        string.IsNullOrWhiteSpace(session.Title) ? templates.Text(language, $"SessionKind.{session.Kind}") : session.Title;

    public string Link(string page, object? values = null) => links.ToPage(page, values);
}

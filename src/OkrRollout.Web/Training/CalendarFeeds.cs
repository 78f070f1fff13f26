using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Training;

/// <summary>
/// Personal calendar subscriptions: the sessions a person is invited to, registered for, waiting for
/// or attended, and the sessions they train, from <see cref="LookBackDays"/> days back on. The address
/// carries a secret token; a new address replaces the old one, and turning it off makes it answer 404.
/// </summary>
public class CalendarFeeds(AppDbContext db, SessionMail mail, EmailTemplates templates, OrganisationTime time)
{
    public const int LookBackDays = 90;

    /// <summary>The enrollments that put a session in a person's calendar (not declined, not cancelled by them, not missed); a session cancelled for everyone stays, marked so.</summary>
    private static readonly EnrollmentState[] InCalendar = [EnrollmentState.Invited, EnrollmentState.Registered, EnrollmentState.Waitlisted, EnrollmentState.Attended];

    /// <summary>A new secret address for the person; the one they had stops working.</summary>
    public async Task<string> RenewAsync(int personId, CancellationToken cancellationToken)
    {
        var token = SignInLinks.NewToken();
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.PersonId == personId, cancellationToken);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { PersonId = personId, TokenHash = SignInLinks.Hash(token), CreatedAtUtc = time.NowUtc });
        }
        else
        {
            feed.TokenHash = SignInLinks.Hash(token);
            feed.CreatedAtUtc = time.NowUtc;
            feed.LastReadAtUtc = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task TurnOffAsync(int personId, System.Security.Claims.ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await db.CalendarFeeds.Where(f => f.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        db.Audit(actor, "calendar-feed.turned-off", nameof(CalendarFeed), null, affectedPersonId: personId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<CalendarFeed?> OfAsync(int personId, CancellationToken cancellationToken) =>
        db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.PersonId == personId, cancellationToken);

    /// <summary>The feed's calendar text, or null when no feed has this token.</summary>
    public async Task<string?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SignInLinks.Hash(token);
        var feed = await db.CalendarFeeds.Include(f => f.Person).SingleOrDefaultAsync(f => f.TokenHash == hash && f.Person.IsActive, cancellationToken);
        if (feed is null)
        {
            return null;
        }
        var personId = feed.PersonId;
        var language = feed.Person.PreferredLanguage;
        var since = time.NowUtc.AddDays(-LookBackDays);
        var sessions = await db.TrainingSessions.AsNoTracking()
            .Where(s => s.StartUtc >= since
                && (s.Enrollments.Any(e => e.PersonId == personId && (InCalendar.Contains(e.State) || s.Status == SessionStatus.Cancelled && e.State == EnrollmentState.Cancelled))
                    || s.Trainers.Any(t => t.PersonId == personId)))
            .OrderBy(s => s.StartUtc)
            .Select(s => new { Session = s, Trains = s.Trainers.Any(t => t.PersonId == personId) })
            .ToListAsync(cancellationToken);
        var asTrainer = templates.Text(language, "(you train)");
        var entries = sessions.Select(s => new IcsWriter.FeedEntry(
            s.Session.CalendarUid, s.Session.Sequence, s.Session.StartUtc, TimeSpan.FromMinutes(s.Session.DurationMinutes),
            mail.Title(s.Session, language) + (s.Trains ? " " + asTrainer : ""),
            s.Session.Description,
            s.Session.Mode == SessionMode.InPerson ? s.Session.Room : null,
            s.Session.Mode == SessionMode.Online ? s.Session.Link : null,
            s.Session.Status == SessionStatus.Cancelled));
        feed.LastReadAtUtc = time.NowUtc;
        await db.SaveChangesAsync(cancellationToken);
        return IcsWriter.WriteFeed(templates.Text(language, "OKR training"), entries, time.NowUtc, time.Zone);
    }
}

using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Training;

/// <summary>
/// The day before a session, a reminder to everyone registered; after it, the feedback pulse to
/// everyone who attended. Each at most once per person and session, however often the job runs.
/// </summary>
public class SessionFollowUps(AppDbContext db, SessionMail mail, OrganisationTime time)
{
    public async Task<int> QueueRemindersAsync(CancellationToken cancellationToken)
    {
        var tomorrow = time.Today.AddDays(1);
        var from = time.StartOfDayUtc(tomorrow);
        var to = time.StartOfDayUtc(tomorrow.AddDays(1));
        return await QueueAsync(s => s.StartUtc >= from && s.StartUtc < to, EnrollmentState.Registered, EmailTemplate.SessionReminder, "reminder", newToken: false, cancellationToken);
    }

    public async Task<int> QueueFeedbackRequestsAsync(CancellationToken cancellationToken)
    {
        var now = time.NowUtc;
        var since = now.AddDays(-3);
        var ended = await db.TrainingSessions.AsNoTracking().Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc >= since.AddDays(-1) && s.StartUtc < now)
            .Select(s => new { s.Id, s.StartUtc, s.DurationMinutes }).ToListAsync(cancellationToken);
        var ids = ended.Where(s => s.StartUtc.AddMinutes(s.DurationMinutes) <= now && s.StartUtc.AddMinutes(s.DurationMinutes) >= since).Select(s => s.Id).ToList();
        return await QueueAsync(s => ids.Contains(s.Id), EnrollmentState.Attended, EmailTemplate.FeedbackRequest, "feedback", newToken: true, cancellationToken);
    }

    private async Task<int> QueueAsync(System.Linq.Expressions.Expression<Func<TrainingSession, bool>> which, EnrollmentState state, EmailTemplate template, string kind, bool newToken, CancellationToken cancellationToken)
    {
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => s.Status == SessionStatus.Scheduled).Where(which).ToListAsync(cancellationToken);
        var now = time.NowUtc;
        var queued = 0;
        foreach (var session in sessions)
        {
            var prefix = $"{kind}:{session.Id}:";
            var done = (await db.OutboxMessages.AsNoTracking().Where(m => m.DeduplicationKey!.StartsWith(prefix)).Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken)).ToHashSet();
            var people = await db.Enrollments.Where(e => e.SessionId == session.Id && e.State == state).Include(e => e.Person).ToListAsync(cancellationToken);
            var trainers = (await db.SessionTrainers.Where(t => t.SessionId == session.Id).Select(t => new { t.Person.Name, t.Person.Email }).ToListAsync(cancellationToken)).Select(t => (t.Name, t.Email)).ToList();
            foreach (var enrollment in people.Where(e => !done.Contains(prefix + e.PersonId)))
            {
                var link = mail.Link("/Training/Sessions/Details", new { id = session.Id });
                if (newToken)
                {
                    var token = SignInLinks.NewToken();
                    enrollment.ResponseTokenHash = SignInLinks.Hash(token);
                    link = mail.Link("/Training/Feedback", new { token });
                }
                var person = new SessionMail.Recipient(enrollment.PersonId, enrollment.Person.Name, enrollment.Person.Email, enrollment.Person.PreferredLanguage);
                var (rendered, _) = mail.Render(template, session, person, link, null, trainers);
                OutboxWriter.QueueOne(db, now, prefix + enrollment.PersonId, person.Email, person.Name, person.Language, template, rendered);
                queued++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }
}

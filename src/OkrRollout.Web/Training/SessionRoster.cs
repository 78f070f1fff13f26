using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Training;

/// <summary>
/// Every change to a session's roster, with the e-mails it causes written in the same transaction.
/// Each change first raises the session's RosterVersion: on SQLite that takes the write lock, on
/// PostgreSQL a lock on the session row, so registrations for one session happen one at a time
/// and the capacity is never exceeded.
/// </summary>
public class SessionRoster(AppDbContext db, SessionMail mail, OrganisationTime time)
{
    public sealed record Result(EnrollmentState? State, string? Refusal, bool Promoted = false);

    public async Task<int> InviteAsync(int sessionId, IReadOnlyCollection<int> personIds, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        if (session.Status == SessionStatus.Cancelled)
        {
            return 0;
        }
        var already = (await db.Enrollments.Where(e => e.SessionId == sessionId).Select(e => e.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var ids = personIds.Where(id => !already.Contains(id)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => p.IsActive && ids.Contains(p.Id))
            .Select(p => new SessionMail.Recipient(p.Id, p.Name, p.Email, p.PreferredLanguage)).ToListAsync(cancellationToken);
        var trainers = await TrainersAsync(sessionId, cancellationToken);
        var now = time.NowUtc;

        await using (var insert = new PreparedInsert<Enrollment>(db,
            [nameof(Enrollment.SessionId), nameof(Enrollment.PersonId), nameof(Enrollment.State), nameof(Enrollment.CreatedAtUtc), nameof(Enrollment.ChangedAtUtc), nameof(Enrollment.ResponseTokenHash), nameof(Enrollment.WalkIn)]))
        await using (var outbox = new OutboxWriter(db, now))
        {
            foreach (var person in people)
            {
                var token = SignInLinks.NewToken();
                await insert.ExecuteAsync(cancellationToken, sessionId, person.PersonId, nameof(EnrollmentState.Invited), now, now, SignInLinks.Hash(token), false);
                var (rendered, calendar) = mail.Render(EmailTemplate.TrainingInvitation, session, person, mail.Link("/Training/Respond", new { token }), CalendarMethod.Request, trainers);
                await outbox.AddAsync($"training-invite:{sessionId}:{person.PersonId}", person.Email, person.Name, person.Language, EmailTemplate.TrainingInvitation, rendered, calendar, cancellationToken);
            }
        }
        await StageFactTracker.MarkUnitsAsync(db, db.Enrollments.Where(e => e.SessionId == sessionId).Select(e => e.Person.UnitId), cancellationToken);
        db.Audit(actor, "training.invited", nameof(TrainingSession), sessionId, $"{people.Count} invited");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return people.Count;
    }

    /// <summary>Register, decline or cancel for a person; a freed seat goes to the first on the waitlist, who is told.</summary>
    public async Task<Result> RespondAsync(int sessionId, int personId, EnrollmentAction action, ClaimsPrincipal? actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.SessionId == sessionId && e.PersonId == personId, cancellationToken);
        var registered = await db.Enrollments.Where(e => e.SessionId == sessionId).CountAsync(EnrollmentRules.TakesSeat, cancellationToken);
        var outcome = EnrollmentRules.Apply(enrollment?.State, action, registered >= session.Capacity, time.NowUtc >= session.StartUtc, session.Status == SessionStatus.Cancelled);
        if (outcome.Refusal is not null)
        {
            return new Result(enrollment?.State, outcome.Refusal);
        }

        var now = time.NowUtc;
        if (enrollment is null)
        {
            enrollment = new Enrollment { SessionId = sessionId, PersonId = personId, CreatedAtUtc = now, ResponseTokenHash = "" };
            db.Enrollments.Add(enrollment);
        }
        if (enrollment.State != outcome.NewState)
        {
            enrollment.State = outcome.NewState!.Value;
            enrollment.ChangedAtUtc = now;
            enrollment.WaitlistedAtUtc = enrollment.State == EnrollmentState.Waitlisted ? now : null;
        }
        var promoted = outcome.FreesSeat && await PromoteFirstWaitlistedAsync(session, cancellationToken);
        db.Audit(actor ?? new ClaimsPrincipal(), "training." + action.ToString().ToLowerInvariant(), nameof(TrainingSession), sessionId, $"person {personId}: {enrollment.State}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(enrollment.State, null, promoted);
    }

    public async Task<Result> MarkAttendanceAsync(int sessionId, int personId, bool attended, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.SessionId == sessionId && e.PersonId == personId, cancellationToken);
        var outcome = EnrollmentRules.Apply(enrollment?.State, attended ? EnrollmentAction.MarkAttended : EnrollmentAction.MarkNoShow, false, time.NowUtc >= session.StartUtc, session.Status == SessionStatus.Cancelled);
        if (outcome.Refusal is not null || enrollment is null)
        {
            return new Result(enrollment?.State, outcome.Refusal ?? EnrollmentRules.NotOnRoster);
        }
        enrollment.State = outcome.NewState!.Value;
        enrollment.ChangedAtUtc = time.NowUtc;
        db.Audit(actor, attended ? "training.attended" : "training.no-show", nameof(TrainingSession), sessionId, $"person {personId}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(enrollment.State, null);
    }

    /// <summary>"Everyone registered attended" in one action.</summary>
    public async Task<int> MarkRegisteredAttendedAsync(int sessionId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        if (!TrainingSession.TakesAttendance(session.StartUtc, session.Status, time.NowUtc))
        {
            return 0;
        }
        var now = time.NowUtc;
        var count = await db.Enrollments.Where(e => e.SessionId == sessionId && e.State == EnrollmentState.Registered)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EnrollmentState.Attended).SetProperty(e => e.ChangedAtUtc, now), cancellationToken);
        await StageFactTracker.MarkUnitsAsync(db, db.Enrollments.Where(e => e.SessionId == sessionId).Select(e => e.Person.UnitId), cancellationToken);
        db.Audit(actor, "training.all-registered-attended", nameof(TrainingSession), sessionId, $"{count} people");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public Task<Result> AddWalkInAsync(int sessionId, int personId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        AddWalkInsAsync(sessionId, [personId], actor, cancellationToken);

    /// <summary>People who came without being on the roster, or everyone who attended a session recorded afterwards: all attended, in one change.</summary>
    public async Task<Result> AddWalkInsAsync(int sessionId, IReadOnlyCollection<int> personIds, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        if (!TrainingSession.TakesAttendance(session.StartUtc, session.Status, time.NowUtc))
        {
            return new Result(null, time.NowUtc < session.StartUtc ? EnrollmentRules.NotStarted : EnrollmentRules.SessionCancelled);
        }
        var ids = personIds.Distinct().ToList();
        var enrolled = await db.Enrollments.Where(e => e.SessionId == sessionId && ids.Contains(e.PersonId)).ToDictionaryAsync(e => e.PersonId, cancellationToken);
        foreach (var personId in ids)
        {
            if (!enrolled.TryGetValue(personId, out var enrollment))
            {
                enrollment = new Enrollment { SessionId = sessionId, PersonId = personId, CreatedAtUtc = time.NowUtc, WalkIn = true, ResponseTokenHash = "" };
                db.Enrollments.Add(enrollment);
            }
            enrollment.State = EnrollmentState.Attended;
            enrollment.ChangedAtUtc = time.NowUtc;
        }
        db.Audit(actor, "training.walk-in", nameof(TrainingSession), sessionId, ids.Count == 1 ? $"person {ids[0]}" : $"{ids.Count} people");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(EnrollmentState.Attended, null);
    }

    /// <summary>No-shows and decliners get an invitation to the next session of the same kind and language.</summary>
    public async Task<(TrainingSession? Next, int Invited)> OfferNextSessionAsync(int sessionId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        var now = time.NowUtc;
        var next = await db.TrainingSessions.AsNoTracking()
            .Where(s => s.Id != sessionId && s.Kind == session.Kind && s.Language == session.Language && s.Status == SessionStatus.Scheduled && s.StartUtc > now)
            .OrderBy(s => s.StartUtc).FirstOrDefaultAsync(cancellationToken);
        if (next is null)
        {
            return (null, 0);
        }
        var people = await db.Enrollments.Where(e => e.SessionId == sessionId && (e.State == EnrollmentState.NoShow || e.State == EnrollmentState.Declined))
            .Select(e => e.PersonId).ToListAsync(cancellationToken);
        return (next, await InviteAsync(next.Id, people, actor, cancellationToken));
    }

    /// <summary>
    /// An ambassador takes a person off the roster before the session (invited, registered or waitlisted):
    /// they are told and their calendar event is cancelled; a seat they held goes to the first on the waitlist.
    /// </summary>
    public async Task<Result> UninviteAsync(int sessionId, int personId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        var enrollment = await db.Enrollments.Include(e => e.Person).SingleOrDefaultAsync(e => e.SessionId == sessionId && e.PersonId == personId, cancellationToken);
        if (enrollment is null)
        {
            return new Result(null, EnrollmentRules.NotOnRoster);
        }
        var outcome = EnrollmentRules.Apply(enrollment.State, EnrollmentAction.Cancel, false, time.NowUtc >= session.StartUtc, session.Status == SessionStatus.Cancelled);
        if (outcome.Refusal is not null || enrollment.State is EnrollmentState.Declined or EnrollmentState.Cancelled)
        {
            return new Result(enrollment.State, outcome.Refusal ?? EnrollmentRules.NotOnRoster);
        }
        var now = time.NowUtc;
        enrollment.State = EnrollmentState.Cancelled;
        enrollment.ChangedAtUtc = now;
        enrollment.WaitlistedAtUtc = null;
        session.Sequence++;
        var person = new SessionMail.Recipient(enrollment.PersonId, enrollment.Person.Name, enrollment.Person.Email, enrollment.Person.PreferredLanguage);
        var (rendered, calendar) = mail.Render(EmailTemplate.TrainingUninvited, session, person, mail.Link("/Training/Index"), CalendarMethod.Cancel, await TrainersAsync(sessionId, cancellationToken));
        OutboxWriter.QueueOne(db, now, $"training-uninvited:{sessionId}:{personId}:{session.Sequence}", person.Email, person.Name, person.Language, EmailTemplate.TrainingUninvited, rendered, calendar);
        var promoted = outcome.FreesSeat && await PromoteFirstWaitlistedAsync(session, cancellationToken);
        db.Audit(actor, "training.uninvited", nameof(TrainingSession), sessionId, $"person {personId}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(EnrollmentState.Cancelled, null, promoted);
    }

    /// <summary>A session was scheduled for a team's training request: the person who asked is told when and where, in their language.</summary>
    public async Task TellRequesterAsync(int sessionId, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        var requester = await db.TrainingRequests.Where(r => r.Id == session.TrainingRequestId)
            .Select(r => new SessionMail.Recipient(r.RequestedById, r.RequestedBy.Name, r.RequestedBy.Email, r.RequestedBy.PreferredLanguage)).SingleOrDefaultAsync(cancellationToken);
        if (requester is null)
        {
            return;
        }
        var (rendered, _) = mail.Render(EmailTemplate.TrainingRequestScheduled, session, requester, mail.Link("/Training/Sessions/Details", new { id = sessionId }), null, []);
        OutboxWriter.QueueOne(db, time.NowUtc, $"training-request-scheduled:{session.TrainingRequestId}", requester.Email, requester.Name, requester.Language, EmailTemplate.TrainingRequestScheduled, rendered, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Time or place changed: raise the calendar SEQUENCE and send everyone holding the event the update.</summary>
    public Task<int> SendUpdateAsync(int sessionId, ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        NotifyHoldersAsync(sessionId, EmailTemplate.TrainingUpdate, CalendarMethod.Request, actor, cancellationToken);

    public async Task<int> CancelSessionAsync(int sessionId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var count = await NotifyHoldersAsync(sessionId, EmailTemplate.TrainingCancellation, CalendarMethod.Cancel, actor, cancellationToken);
        return count;
    }

    private async Task<int> NotifyHoldersAsync(int sessionId, EmailTemplate template, CalendarMethod method, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(sessionId, cancellationToken);
        session.Sequence++;
        if (method == CalendarMethod.Cancel)
        {
            session.Status = SessionStatus.Cancelled;
        }
        var holders = await db.Enrollments.AsNoTracking()
            .Where(e => e.SessionId == sessionId && (e.State == EnrollmentState.Invited || e.State == EnrollmentState.Registered || e.State == EnrollmentState.Waitlisted))
            .Select(e => new SessionMail.Recipient(e.PersonId, e.Person.Name, e.Person.Email, e.Person.PreferredLanguage)).ToListAsync(cancellationToken);
        var trainers = await TrainersAsync(sessionId, cancellationToken);
        var now = time.NowUtc;
        await using (var outbox = new OutboxWriter(db, now))
        {
            foreach (var person in holders)
            {
                var (rendered, calendar) = mail.Render(template, session, person, (method == CalendarMethod.Cancel ? mail.Link("/Training/Index") : mail.Link("/Training/Sessions/Details", new { id = sessionId })), method, trainers);
                await outbox.AddAsync($"{template}:{sessionId}:{session.Sequence}:{person.PersonId}", person.Email, person.Name, person.Language, template, rendered, calendar, cancellationToken);
            }
        }
        if (method == CalendarMethod.Cancel)
        {
            await db.Enrollments.Where(e => e.SessionId == sessionId && (e.State == EnrollmentState.Invited || e.State == EnrollmentState.Registered || e.State == EnrollmentState.Waitlisted))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EnrollmentState.Cancelled).SetProperty(e => e.ChangedAtUtc, now), cancellationToken);
            await StageFactTracker.MarkUnitsAsync(db, db.Enrollments.Where(e => e.SessionId == sessionId).Select(e => e.Person.UnitId), cancellationToken);
        }
        db.Audit(actor, method == CalendarMethod.Cancel ? "training.cancelled" : "training.updated", nameof(TrainingSession), sessionId, $"{holders.Count} told");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return holders.Count;
    }

    private async Task<bool> PromoteFirstWaitlistedAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        var first = await db.Enrollments.Include(e => e.Person)
            .Where(e => e.SessionId == session.Id && e.State == EnrollmentState.Waitlisted)
            .OrderBy(e => e.WaitlistedAtUtc).ThenBy(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return false;
        }
        var now = time.NowUtc;
        first.State = EnrollmentState.Registered;
        first.ChangedAtUtc = now;
        first.WaitlistedAtUtc = null;
        var token = SignInLinks.NewToken();
        first.ResponseTokenHash = SignInLinks.Hash(token);
        var person = new SessionMail.Recipient(first.PersonId, first.Person.Name, first.Person.Email, first.Person.PreferredLanguage);
        var (rendered, calendar) = mail.Render(EmailTemplate.WaitlistPromotion, session, person, mail.Link("/Training/Respond", new { token }), CalendarMethod.Request, await TrainersAsync(session.Id, cancellationToken));
        OutboxWriter.QueueOne(db, now, $"waitlist-promotion:{session.Id}:{first.PersonId}:{now.Ticks}", person.Email, person.Name, person.Language, EmailTemplate.WaitlistPromotion, rendered, calendar);
        return true;
    }

    /// <summary>Takes the session's roster lock (see the class summary) and returns the tracked session.</summary>
    private async Task<TrainingSession> LockAsync(int sessionId, CancellationToken cancellationToken)
    {
        await db.TrainingSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.RosterVersion, x => x.RosterVersion + 1), cancellationToken);
        return await db.TrainingSessions.SingleAsync(s => s.Id == sessionId, cancellationToken);
    }

    private async Task<List<(string Name, string Email)>> TrainersAsync(int sessionId, CancellationToken cancellationToken) =>
        (await db.SessionTrainers.Where(t => t.SessionId == sessionId).Select(t => new { t.Person.Name, t.Person.Email }).ToListAsync(cancellationToken))
        .Select(t => (t.Name, t.Email)).ToList();
}

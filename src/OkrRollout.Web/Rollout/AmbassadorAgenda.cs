using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Rollout;

/// <summary>What needs the ambassador today; each list holds at most <see cref="AmbassadorAgenda.Shown"/> items, the count says how many there are.</summary>
public sealed record Agenda(
    Counted<AgendaSession> AwaitingAttendance,
    Counted<AgendaSession> ThisWeekWithRoom,
    int OpenTrainingRequests,
    Counted<AgendaTeam> StuckInDrafting,
    Counted<AgendaWave> InvitedNeverSignedIn,
    int FailedEmails)
{
    public bool IsClear => AwaitingAttendance.Count + ThisWeekWithRoom.Count + OpenTrainingRequests + StuckInDrafting.Count + InvitedNeverSignedIn.Count + FailedEmails == 0;
}

public sealed record Counted<T>(int Count, IReadOnlyList<T> Items);

public sealed record AgendaSession(int Id, SessionKind Kind, string Title, Language Language, DateTime StartUtc, int DurationMinutes, int Unmarked, int FreePlaces, int Waitlisted)
{
    public DateTime EndUtc => StartUtc.AddMinutes(DurationMinutes);
}

public sealed record AgendaWave(int WaveId, string Name, int People);

public sealed record AgendaTeam(int UnitId, string Name, int Drafts);

/// <summary>The steps of a new install, in order, each done or not.</summary>
public sealed record FirstRunChecklist(bool PeopleImported, bool ProgrammeCreated, bool WavesFilled, bool SessionsScheduled, bool InvitationsSent, int? ProgrammeId)
{
    public bool IsDone => PeopleImported && ProgrammeCreated && WavesFilled && SessionsScheduled && InvitationsSent;
}

/// <summary>
/// The ambassador's home: sessions that ended with people still unmarked, this week's sessions with
/// free places or a waiting list, open training requests, teams whose objectives are all still drafts
/// <see cref="DraftingTooLongDays"/> days into the period, people sent a sign-in link who never signed
/// in, and e-mails that failed for good.
/// </summary>
public class AmbassadorAgenda(AppDbContext db, OrganisationTime time)
{
    public const int Shown = 5;
    public const int DraftingTooLongDays = 14;

    /// <summary>How far back an ended session still asks for its attendance.</summary>
    public const int AttendanceLookBackDays = 60;

    public async Task<Agenda> ForTodayAsync(CancellationToken cancellationToken)
    {
        var now = time.NowUtc;
        var today = time.Today;
        var weekEnd = time.StartOfDayUtc(OrganisationTime.WeekStart(today).AddDays(7));
        var since = now.AddDays(-AttendanceLookBackDays);

        // The end is worked out here, not in SQL: the candidates are the last weeks' sessions, few.
        var started = await Rows(db.TrainingSessions.AsNoTracking()
                .Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc >= since && s.StartUtc <= now && s.Enrollments.Any(e => e.State == EnrollmentState.Registered))
                .OrderBy(s => s.StartUtc))
            .ToListAsync(cancellationToken);
        var ended = started.Where(s => s.EndUtc <= now).ToList();
        var awaiting = new Counted<AgendaSession>(ended.Count, ended.Take(Shown).ToList());

        var withRoom = db.TrainingSessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc >= now && s.StartUtc < weekEnd
                && (s.Enrollments.Count(e => EnrollmentRules.SeatTaking.Contains(e.State)) < s.Capacity || s.Enrollments.Any(e => e.State == EnrollmentState.Waitlisted)));
        var week = new Counted<AgendaSession>(await withRoom.CountAsync(cancellationToken), await Rows(withRoom.OrderBy(s => s.StartUtc)).Take(Shown).ToListAsync(cancellationToken));

        var requests = await db.TrainingRequests.CountAsync(r => r.Status == TrainingRequestStatus.Open, cancellationToken);

        var stuck = new Counted<AgendaTeam>(0, []);
        if (await OkrQueries.CurrentPeriodIdAsync(db, today, cancellationToken) is { } periodId
            && await db.Periods.Where(p => p.Id == periodId).Select(p => p.StartDate).SingleAsync(cancellationToken) <= today.AddDays(-DraftingTooLongDays))
        {
            var teams = db.OrgUnits.AsNoTracking()
                .Where(u => db.Objectives.Any(o => o.UnitId == u.Id && o.PeriodId == periodId && o.Status == ObjectiveStatus.Draft)
                    && !db.Objectives.Any(o => o.UnitId == u.Id && o.PeriodId == periodId && o.Status != ObjectiveStatus.Draft));
            stuck = new Counted<AgendaTeam>(await teams.CountAsync(cancellationToken),
                await teams.OrderBy(u => u.NamePath).Take(Shown)
                    .Select(u => new AgendaTeam(u.Id, u.Name, db.Objectives.Count(o => o.UnitId == u.Id && o.PeriodId == periodId))).ToListAsync(cancellationToken));
        }

        var waiting = db.People.Where(p => p.IsActive).SentASignInLink(db).WithSignInState(db, SignInState.NeverSignedIn);
        var perWave = await db.WaveMembers.Where(m => waiting.Any(p => p.Id == m.PersonId))
            .GroupBy(m => new { m.WaveId, m.Wave.Name, m.Wave.Order, m.Wave.ProgrammeId }).Select(g => new { g.Key.WaveId, g.Key.Name, g.Key.Order, g.Key.ProgrammeId, People = g.Count() })
            .ToListAsync(cancellationToken);
        var neverSignedIn = new Counted<AgendaWave>(await waiting.CountAsync(cancellationToken),
            perWave.OrderBy(w => w.ProgrammeId).ThenBy(w => w.Order).Take(Shown).Select(w => new AgendaWave(w.WaveId, w.Name, w.People)).ToList());
        var failed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed, cancellationToken);
        return new Agenda(awaiting, week, requests, stuck, neverSignedIn, failed);
    }

    public async Task<FirstRunChecklist> ChecklistAsync(CancellationToken cancellationToken) => new(
        await db.People.AnyAsync(cancellationToken),
        await db.Programmes.AnyAsync(cancellationToken),
        await db.WaveMembers.AnyAsync(cancellationToken),
        await db.TrainingSessions.AnyAsync(cancellationToken),
        await db.Enrollments.AnyAsync(cancellationToken) || await db.SignInLinks.AnyAsync(cancellationToken),
        await db.Programmes.OrderByDescending(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken));

    private static IQueryable<AgendaSession> Rows(IQueryable<TrainingSession> sessions) =>
        sessions.Select(s => new AgendaSession(s.Id, s.Kind, s.Title, s.Language, s.StartUtc, s.DurationMinutes,
            s.Enrollments.Count(e => e.State == EnrollmentState.Registered),
            s.Capacity - s.Enrollments.Count(e => EnrollmentRules.SeatTaking.Contains(e.State)),
            s.Enrollments.Count(e => e.State == EnrollmentState.Waitlisted)));
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Training;

/// <summary>How a wave was spread over a set of sessions of one kind.</summary>
/// <param name="Invited">People invited, each to one session.</param>
/// <param name="AlreadyCovered">Members already invited to, on the list of, or trained in a session of this kind.</param>
/// <param name="NoPlace">By language: members for whom the ticked sessions in their language had no free place left.</param>
/// <param name="NoSession">By language: members whose language none of the ticked sessions is in.</param>
public sealed record WavePlacement(int Invited, IReadOnlyDictionary<int, int> InvitedPerSession, int AlreadyCovered,
    IReadOnlyDictionary<Language, int> NoPlace, IReadOnlyDictionary<Language, int> NoSession);

/// <summary>
/// One action for a whole wave: each active member who still needs a kind of session is invited to one
/// of the chosen sessions in their language, the earliest with a free place first, colleagues of one
/// rollout group and unit next to each other. A session is never given more invitations than it has
/// places (everyone invited, registered or on its waiting list holds one); whoever does not fit is counted, not invited.
/// </summary>
public class WaveTrainingInvitations(AppDbContext db, SessionRoster roster, OrganisationTime time)
{
    /// <summary>The states in which a person needs no further invitation to a coming session of a kind; having attended one covers for good.</summary>
    public static readonly EnrollmentState[] Covering = [EnrollmentState.Invited, EnrollmentState.Registered, EnrollmentState.Waitlisted];

    /// <summary>The states that hold one of a coming session's places against new invitations.</summary>
    public static readonly EnrollmentState[] HoldingAPlace = [EnrollmentState.Invited, EnrollmentState.Registered, EnrollmentState.Waitlisted];

    /// <summary>Per session, the places not yet held by an invitation, a registration or the waiting list.</summary>
    public async Task<Dictionary<int, int>> FreePlacesAsync(IReadOnlyCollection<int> sessionIds, CancellationToken cancellationToken) =>
        await db.TrainingSessions.Where(s => sessionIds.Contains(s.Id))
            .Select(s => new { s.Id, Free = s.Capacity - db.Enrollments.Count(e => e.SessionId == s.Id && HoldingAPlace.Contains(e.State)) })
            .ToDictionaryAsync(s => s.Id, s => Math.Max(0, s.Free), cancellationToken);

    public async Task<WavePlacement> InviteAsync(int waveId, IReadOnlyList<TrainingSession> sessions, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var kind = sessions[0].Kind;
        var now = time.NowUtc;
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var members = await db.WaveMembers.AsNoTracking()
            .Where(m => m.WaveId == waveId && m.Person.IsActive)
            .OrderBy(m => m.RolloutGroup == null ? 1 : 0).ThenBy(m => m.RolloutGroup!.Name).ThenBy(m => m.Person.Unit.NamePath).ThenBy(m => m.Person.Name)
            .Select(m => new
            {
                m.PersonId,
                m.Person.PreferredLanguage,
                Covered = db.Enrollments.Any(e => e.PersonId == m.PersonId && e.Session.Kind == kind && e.Session.Status != SessionStatus.Cancelled
                    && (e.State == EnrollmentState.Attended || e.Session.StartUtc > now && Covering.Contains(e.State))),
                // Sessions of the set the member already declined or left: never placed there again.
                Answered = db.Enrollments.Where(e => e.PersonId == m.PersonId && sessionIds.Contains(e.SessionId)).Select(e => e.SessionId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var free = await FreePlacesAsync(sessionIds, cancellationToken);

        var chosen = sessionIds.ToDictionary(id => id, _ => new List<int>());
        var noPlace = new Dictionary<Language, int>();
        var noSession = new Dictionary<Language, int>();
        var inOrder = sessions.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToList();
        foreach (var member in members.Where(m => !m.Covered))
        {
            var ofLanguage = inOrder.Where(s => s.Language == member.PreferredLanguage && !member.Answered.Contains(s.Id)).ToList();
            if (ofLanguage.Count == 0)
            {
                noSession[member.PreferredLanguage] = noSession.GetValueOrDefault(member.PreferredLanguage) + 1;
                continue;
            }
            if (ofLanguage.FirstOrDefault(s => free[s.Id] > 0) is not { } session)
            {
                noPlace[member.PreferredLanguage] = noPlace.GetValueOrDefault(member.PreferredLanguage) + 1;
                continue;
            }
            free[session.Id]--;
            chosen[session.Id].Add(member.PersonId);
        }

        var invited = new Dictionary<int, int>();
        foreach (var (sessionId, people) in chosen.Where(c => c.Value.Count > 0))
        {
            invited[sessionId] = await roster.InviteAsync(sessionId, people, actor, cancellationToken);
        }
        return new WavePlacement(invited.Values.Sum(), invited, members.Count(m => m.Covered), noPlace, noSession);
    }
}

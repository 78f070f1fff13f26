using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Rollout;

/// <summary>
/// Queues the onboarding invitation, with a personal sign-in link, for everyone in a wave: in one
/// transaction, once per person and wave however often the ambassador presses the button.
/// </summary>
public class OnboardingInvitations(AppDbContext db, EmailTemplates templates, MailReadiness readiness, SignInLinks links, TimeProvider clock)
{
    public static string KeyFor(int waveId, int personId) => $"onboarding:{waveId}:{personId}";

    /// <summary>Queues the invitations; <see cref="InvitationResult.Skipped"/> counts the people who already had one. Refused while e-mail is not set up (<see cref="MailReadiness"/>).</summary>
    public async Task<InvitationResult> QueueForWaveAsync(Wave wave, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!readiness.Ready)
        {
            return new InvitationResult(0, 0, MailNotReady: true);
        }
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == wave.ProgrammeId, cancellationToken);
        var people = await db.WaveMembers.AsNoTracking().Where(m => m.WaveId == wave.Id && m.Person.IsActive)
            .Select(m => new { m.Person.Id, m.Person.Name, m.Person.Email, m.Person.PreferredLanguage })
            .ToListAsync(cancellationToken);
        var prefix = $"onboarding:{wave.Id}:";
        var queued = (await db.OutboxMessages.AsNoTracking().Where(m => m.DeduplicationKey!.StartsWith(prefix)).Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + links.InvitationLifetime;
        var count = 0;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var insertLink = new PreparedInsert<SignInLink>(db, [nameof(SignInLink.TokenHash), nameof(SignInLink.PersonId), nameof(SignInLink.CreatedAtUtc), nameof(SignInLink.ExpiresAtUtc)]))
        await using (var outbox = new OutboxWriter(db, now))
        {
            foreach (var person in people)
            {
                var key = KeyFor(wave.Id, person.Id);
                if (queued.Contains(key))
                {
                    continue;
                }
                var token = SignInLinks.NewToken();
                await insertLink.ExecuteAsync(cancellationToken, SignInLinks.Hash(token), person.Id, now, expires);
                var (link, template) = links.Invitation(token, EmailTemplate.OnboardingInvitation);
                var rendered = templates.Render(template, person.PreferredLanguage, person.Name, link, programme.Name, programme.WhyIn(person.PreferredLanguage), wave.Name);
                await outbox.AddAsync(key, person.Email, person.Name, person.PreferredLanguage, template, rendered, null, cancellationToken);
                count++;
            }
        }
        db.Audit(actor, "wave.onboarding-invitations-queued", nameof(Wave), wave.Id, $"{count} invitations");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationResult(count, people.Count - count);
    }
}

using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Web.Training;

/// <summary>What an ambassador chose to invite: any of a rollout group, a whole wave, a unit with its sub-units, and addresses typed by hand.</summary>
public sealed record AudienceChoice(int? RolloutGroupId, int? WaveId, int? UnitId, string? Emails);

/// <summary>The people a choice reaches, each once, or the typed addresses that match nobody active (then nobody is invited).</summary>
public sealed record Audience(IReadOnlyCollection<int> PersonIds, IReadOnlyList<string> UnknownEmails);

/// <summary>Works out whom an invitation reaches. Only people active in the directory are reached.</summary>
public class InvitationAudience(AppDbContext db)
{
    public async Task<Audience> ResolveAsync(AudienceChoice choice, CancellationToken cancellationToken)
    {
        var typed = await DirectoryLookup.FindListAsync(db, choice.Emails, cancellationToken);
        if (typed.Unknown.Count > 0)
        {
            return new Audience([], typed.Unknown);
        }
        var people = new HashSet<int>(typed.Ids);
        var active = db.People.Where(p => p.IsActive);
        if (choice.RolloutGroupId is { } groupId)
        {
            people.UnionWith(await active.Where(p => db.WaveMembers.Any(m => m.PersonId == p.Id && m.RolloutGroupId == groupId)).Select(p => p.Id).ToListAsync(cancellationToken));
        }
        if (choice.WaveId is { } waveId)
        {
            people.UnionWith(await active.Where(p => db.WaveMembers.Any(m => m.PersonId == p.Id && m.WaveId == waveId)).Select(p => p.Id).ToListAsync(cancellationToken));
        }
        if (choice.UnitId is { } unitId)
        {
            var subtree = await UnitSubtree.IdsAsync(db, unitId, cancellationToken);
            people.UnionWith(await active.Where(p => subtree.Contains(p.UnitId)).Select(p => p.Id).ToListAsync(cancellationToken));
        }
        return new Audience(people, []);
    }
}

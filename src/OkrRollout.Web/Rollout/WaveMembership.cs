using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Rollout;

/// <summary>Who to add to a wave: a unit (with its sub-units), optionally only its leads, and people picked by hand.</summary>
public sealed record WaveSelection(int? UnitId, bool LeadsOnly, IReadOnlyCollection<int> PersonIds);

/// <summary>What adding did. People already in another wave of the programme are left where they are.</summary>
public sealed record WaveAddResult(int Added, int AlreadyInThisWave, int InAnotherWave);

/// <summary>
/// The one place that changes who is in which wave and group. A person is in at most one wave of a
/// programme (a unique index backs this up); moving between waves is explicit.
/// </summary>
public class WaveMembership(AppDbContext db)
{
    public async Task<WaveAddResult> AddAsync(Wave wave, WaveSelection selection, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var candidates = new HashSet<int>();
        if (selection.UnitId is { } unitId)
        {
            var subtree = await UnitSubtree.IdsAsync(db, unitId, cancellationToken);
            candidates.UnionWith(await db.People
                .Where(p => p.IsActive && subtree.Contains(p.UnitId) && (!selection.LeadsOnly || p.IsLead))
                .Select(p => p.Id).ToListAsync(cancellationToken));
        }
        if (selection.PersonIds.Count > 0)
        {
            var picked = selection.PersonIds.ToList();
            candidates.UnionWith(await db.People.Where(p => p.IsActive && picked.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken));
        }

        var waveOf = await db.WaveMembers.Where(m => m.ProgrammeId == wave.ProgrammeId)
            .ToDictionaryAsync(m => m.PersonId, m => m.WaveId, cancellationToken);
        var alreadyHere = candidates.Count(id => waveOf.TryGetValue(id, out var w) && w == wave.Id);
        var elsewhere = candidates.Count(id => waveOf.TryGetValue(id, out var w) && w != wave.Id);
        var newcomers = candidates.Where(id => !waveOf.ContainsKey(id)).Order().ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var insert = new PreparedInsert<WaveMember>(db, [nameof(WaveMember.ProgrammeId), nameof(WaveMember.WaveId), nameof(WaveMember.PersonId)]))
        {
            foreach (var personId in newcomers)
            {
                await insert.ExecuteAsync(cancellationToken, wave.ProgrammeId, wave.Id, personId);
            }
        }
        await StageFactTracker.MarkUnitsAsync(db, db.WaveMembers.Where(m => m.WaveId == wave.Id).Select(m => m.Person.UnitId), cancellationToken);
        db.Audit(actor, "wave.members-added", nameof(Wave), wave.Id, $"added {newcomers.Count}, already in this wave {alreadyHere}, in another wave {elsewhere}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WaveAddResult(newcomers.Count, alreadyHere, elsewhere);
    }

    public async Task MoveAsync(IReadOnlyList<WaveMember> members, Wave target, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        foreach (var member in members)
        {
            db.Audit(actor, "wave.member-moved", nameof(WaveMember), member.PersonId, $"from wave {member.WaveId} to wave {target.Id}");
            member.WaveId = target.Id;
            member.RolloutGroupId = null;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveAsync(IReadOnlyList<WaveMember> members, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        foreach (var member in members)
        {
            db.WaveMembers.Remove(member);
            db.Audit(actor, "wave.member-removed", nameof(WaveMember), member.PersonId, $"from wave {member.WaveId}");
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces the wave's groups with new groups of at most <paramref name="size"/>, colleagues together.</summary>
    public async Task<int> SplitIntoGroupsAsync(Wave wave, int size, string namePrefix, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var people = await db.WaveMembers.Where(m => m.WaveId == wave.Id)
            .Select(m => new GroupCandidate(m.PersonId, m.Person.Unit.NamePath)).ToListAsync(cancellationToken);
        var split = RolloutGroupSplitter.Split(people, size);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WaveMembers.Where(m => m.WaveId == wave.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.RolloutGroupId, (int?)null), cancellationToken);
        await db.RolloutGroups.Where(g => g.WaveId == wave.Id).ExecuteDeleteAsync(cancellationToken);
        var groups = split.Select((_, i) => new RolloutGroup { WaveId = wave.Id, Name = $"{namePrefix} {i + 1}", Size = size }).ToList();
        db.RolloutGroups.AddRange(groups);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < split.Count; i++)
        {
            var ids = split[i].Select(c => c.PersonId).ToList();
            var groupId = groups[i].Id;
            await db.WaveMembers.Where(m => m.WaveId == wave.Id && ids.Contains(m.PersonId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.RolloutGroupId, groupId), cancellationToken);
        }
        await StageFactTracker.MarkUnitsAsync(db, db.WaveMembers.Where(m => m.WaveId == wave.Id).Select(m => m.Person.UnitId), cancellationToken);
        db.Audit(actor, "wave.split-into-groups", nameof(Wave), wave.Id, $"{split.Count} groups of at most {size}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return split.Count;
    }

    /// <summary>Puts a member into a group of the same wave, or none; false when the group is full.</summary>
    /// <summary>
    /// Puts the members in the group, or in none; when the group has no room for all of them, nobody
    /// moves and the seats it has left come back.
    /// </summary>
    public async Task<GroupAssignment> AssignGroupAsync(IReadOnlyList<WaveMember> members, RolloutGroup? group, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (group is not null)
        {
            var joining = members.Count(m => m.RolloutGroupId != group.Id);
            var free = group.Size - await db.WaveMembers.CountAsync(m => m.RolloutGroupId == group.Id, cancellationToken);
            if (joining > free)
            {
                return new GroupAssignment(0, Math.Max(0, free));
            }
        }
        foreach (var member in members)
        {
            member.RolloutGroupId = group?.Id;
            db.Audit(actor, "wave.member-grouped", nameof(WaveMember), member.PersonId, group is null ? "no group" : $"group {group.Id}");
        }
        await db.SaveChangesAsync(cancellationToken);
        return new GroupAssignment(members.Count, null);
    }
}

/// <summary>How many members were put in the group; when none were for want of room, the seats it has left.</summary>
public sealed record GroupAssignment(int Assigned, int? RoomLeft);

public static class UnitSubtree
{
    /// <summary>The unit and all units below it, by the materialised id path.</summary>
    public static async Task<List<int>> IdsAsync(AppDbContext db, int unitId, CancellationToken cancellationToken)
    {
        var prefix = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.IdPath).SingleOrDefaultAsync(cancellationToken);
        return prefix is null ? [] : await db.OrgUnits.Where(u => u.IdPath.StartsWith(prefix)).Select(u => u.Id).ToListAsync(cancellationToken);
    }
}

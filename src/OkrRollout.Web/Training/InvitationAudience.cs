using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Web.Training;

/// <summary>
/// What an ambassador chose to invite: any of a rollout group, a whole wave, a unit with its sub-units,
/// and addresses typed by hand. With <see cref="OnlyLanguage"/>, the group, wave and unit reach only the
/// people whose language it is (a Finnish session for the Finnish speakers); typed addresses are always reached.
/// </summary>
public sealed record AudienceChoice(int? RolloutGroupId, int? WaveId, int? UnitId, string? Emails, Language? OnlyLanguage = null);

/// <summary>
/// The people a choice reaches, each once, or the typed addresses that match nobody active (then nobody
/// is invited); <see cref="OtherLanguage"/> counts the people of the group, wave or unit left out for their language.
/// </summary>
public sealed record Audience(IReadOnlyCollection<int> PersonIds, IReadOnlyList<string> UnknownEmails, int OtherLanguage = 0);

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
        var reached = new Dictionary<int, Language>();
        var active = db.People.Where(p => p.IsActive);
        async Task ReachAsync(IQueryable<Person> chosen)
        {
            foreach (var person in await chosen.Select(p => new { p.Id, p.PreferredLanguage }).ToListAsync(cancellationToken))
            {
                reached[person.Id] = person.PreferredLanguage;
            }
        }
        if (choice.RolloutGroupId is { } groupId)
        {
            await ReachAsync(active.Where(p => db.WaveMembers.Any(m => m.PersonId == p.Id && m.RolloutGroupId == groupId)));
        }
        if (choice.WaveId is { } waveId)
        {
            await ReachAsync(active.Where(p => db.WaveMembers.Any(m => m.PersonId == p.Id && m.WaveId == waveId)));
        }
        if (choice.UnitId is { } unitId)
        {
            var subtree = await UnitSubtree.IdsAsync(db, unitId, cancellationToken);
            await ReachAsync(active.Where(p => subtree.Contains(p.UnitId)));
        }
        var otherLanguage = 0;
        foreach (var (id, language) in reached)
        {
            if (choice.OnlyLanguage is { } only && language != only && !people.Contains(id))
            {
                otherLanguage++;
                continue;
            }
            people.Add(id);
        }
        return new Audience(people, [], otherLanguage);
    }
}

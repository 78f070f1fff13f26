using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Okr;

/// <summary>
/// The weekly check-in nudge goes only to owners of key results (of published objectives in a
/// current period) that are late by <see cref="CheckInRhythm"/>: people hate reminders when they are
/// up to date. One e-mail per owner per ISO week, listing their key results, in their language.
/// </summary>
public class CheckInNudges(AppDbContext db, EmailTemplates templates, EmailLinks links, OrganisationTime time)
{
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var now = time.NowUtc;
        var today = time.Today;
        var onTimeSince = CheckInRhythm.OnTimeSince(today);
        // Between periods nobody is nudged for the one just ended.
        if (await OkrQueries.RunningPeriodAsync(db, today, cancellationToken) is not { Id: var periodId })
        {
            return 0;
        }
        var stale = await db.KeyResults.AsNoTracking()
            .Where(k => k.OwnerId != null && k.Owner!.IsActive
                && k.Objective.Status == ObjectiveStatus.Published
                && k.Objective.PeriodId == periodId
                && !k.CheckIns.Any(c => c.Date >= onTimeSince))
            .Select(k => new { k.Title, Objective = k.Objective.Title, k.Objective.UnitId, OwnerId = k.OwnerId!.Value, k.Owner!.Name, k.Owner.Email, k.Owner.PreferredLanguage })
            .ToListAsync(cancellationToken);

        var week = OrganisationTime.IsoWeek(today);
        var keys = stale.Select(s => KeyFor(s.OwnerId, week)).Distinct().ToList();
        var alreadyQueued = await OutboxWriter.QueuedKeysAsync(db, keys, cancellationToken);
        var queued = 0;
        foreach (var owner in stale.GroupBy(s => s.OwnerId))
        {
            var key = KeyFor(owner.Key, week);
            if (alreadyQueued.Contains(key))
            {
                continue;
            }
            var first = owner.First();
            var list = string.Join("\n", owner.Select(k => $"• {k.Title} ({k.Objective})"));
            var link = links.ToPage("/Okr/Teams/Index", new { id = first.UnitId });
            var rendered = templates.Render(EmailTemplate.CheckInNudge, first.PreferredLanguage, first.Name, link, list, CheckInRhythm.WeekDays);
            OutboxWriter.QueueOne(db, now, key, first.Email, first.Name, first.PreferredLanguage, EmailTemplate.CheckInNudge, rendered);
            queued++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    public static string KeyFor(int ownerId, string isoWeek) => $"checkin-nudge:{ownerId}:{isoWeek}";
}

using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Okr;

/// <summary>
/// After the owner's nudge, silence climbs the line: a key result (of a published objective in the
/// current period) with no check-in for <see cref="FirstLevelWeeks"/> weeks is reported to the team's
/// lead, a week later to the lead's manager, and one manager higher each further week, up to the top
/// of the line. Silence counts from the last check-in, or from the period's start for a key result
/// never checked in. Each person gets one e-mail a week listing the key results that reached them, in their language.
/// </summary>
public class CheckInEscalations(AppDbContext db, EmailTemplates templates, EmailLinks links, OrganisationTime time)
{
    public const int FirstLevelWeeks = 2;

    /// <summary>Who hears of a key result silent for <paramref name="weeksSilent"/> weeks: index 0 is the team's lead, each next one that person's manager.</summary>
    public static int LevelFor(int weeksSilent) => weeksSilent - FirstLevelWeeks;

    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var now = time.NowUtc;
        var today = time.Today;
        if (await OkrQueries.RunningPeriodAsync(db, today, cancellationToken) is not { } period)
        {
            return 0;
        }
        var periodId = period.Id;
        var silentSince = today.AddDays(-FirstLevelWeeks * CheckInRhythm.WeekDays);
        var silent = await db.KeyResults.AsNoTracking()
            .Where(k => k.OwnerId != null && k.Objective.Status == ObjectiveStatus.Published && k.Objective.PeriodId == periodId
                && !k.CheckIns.Any(c => c.Date > silentSince))
            .Select(k => new
            {
                k.Title, Objective = k.Objective.Title, k.Objective.UnitId, OwnerId = k.OwnerId!.Value, Owner = k.Owner!.Name,
                LastCheckIn = k.CheckIns.Max(c => (DateOnly?)c.Date),
            })
            .ToListAsync(cancellationToken);
        if (silent.Count == 0)
        {
            return 0;
        }

        var managementLine = new ManagementLine(db);
        var reports = new Dictionary<int, List<(string KeyResult, string Objective, string Owner, int Weeks)>>();
        var firstUnit = new Dictionary<int, int>();
        foreach (var keyResult in silent)
        {
            var since = keyResult.LastCheckIn is { } last && last > period.StartDate ? last : period.StartDate;
            var weeks = (today.DayNumber - since.DayNumber) / CheckInRhythm.WeekDays;
            if (weeks < FirstLevelWeeks)
            {
                continue;
            }
            var chain = await managementLine.AboveAsync(keyResult.UnitId, keyResult.OwnerId, cancellationToken);
            if (chain.Count == 0)
            {
                continue;
            }
            var recipient = chain[Math.Min(LevelFor(weeks), chain.Count - 1)];
            reports.TryAdd(recipient, []);
            firstUnit.TryAdd(recipient, keyResult.UnitId);
            reports[recipient].Add((keyResult.Title, keyResult.Objective, keyResult.Owner, weeks));
        }

        var week = OrganisationTime.IsoWeek(today);
        var keys = reports.Keys.Select(id => KeyFor(id, week)).ToList();
        var alreadyQueued = await OutboxWriter.QueuedKeysAsync(db, keys, cancellationToken);
        var recipientIds = reports.Keys.ToList();
        var people = await db.People.AsNoTracking().Where(p => recipientIds.Contains(p.Id) && p.IsActive)
            .Select(p => new { p.Id, p.Name, p.Email, p.PreferredLanguage }).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var person in people.Where(p => !alreadyQueued.Contains(KeyFor(p.Id, week))))
        {
            var line = templates.Text(person.PreferredLanguage, "• {0} ({1}) – {2}, no check-in for {3} weeks");
            var list = string.Join("\n", reports[person.Id].Select(r => string.Format(System.Globalization.CultureInfo.InvariantCulture, line, r.KeyResult, r.Objective, r.Owner, r.Weeks)));
            var rendered = templates.Render(EmailTemplate.CheckInEscalation, person.PreferredLanguage, person.Name,
                links.ToPage("/Okr/Teams/Index", new { id = firstUnit[person.Id] }), list, FirstLevelWeeks);
            OutboxWriter.QueueOne(db, now, KeyFor(person.Id, week), person.Email, person.Name, person.PreferredLanguage, EmailTemplate.CheckInEscalation, rendered);
            queued++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    public static string KeyFor(int personId, string isoWeek) => $"checkin-escalation:{personId}:{isoWeek}";

    /// <summary>
    /// The people above a key result's owner: the team's lead (an active lead of the unit other than
    /// the owner, else the owner's manager), then each one's manager, as far as the line goes.
    /// </summary>
    private sealed class ManagementLine(AppDbContext db)
    {
        private readonly Dictionary<int, int?> managers = [];

        public async Task<List<int>> AboveAsync(int unitId, int ownerId, CancellationToken cancellationToken)
        {
            var chain = new List<int>();
            var lead = await db.People.Where(p => p.UnitId == unitId && p.IsLead && p.IsActive && p.Id != ownerId).OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken)
                ?? await ManagerOfAsync(ownerId, cancellationToken);
            for (var next = lead; next is { } id && id != ownerId && !chain.Contains(id); next = await ManagerOfAsync(id, cancellationToken))
            {
                chain.Add(id);
            }
            return chain;
        }

        private async Task<int?> ManagerOfAsync(int personId, CancellationToken cancellationToken)
        {
            if (!managers.TryGetValue(personId, out var manager))
            {
                manager = await db.People.Where(p => p.Id == personId).Select(p => p.ManagerId).SingleOrDefaultAsync(cancellationToken);
                managers[personId] = manager;
            }
            return manager;
        }
    }
}

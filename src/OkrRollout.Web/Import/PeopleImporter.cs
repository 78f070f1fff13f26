using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Import;

public readonly record struct ImportProgress(int Done, int Total);

/// <summary>
/// Compares an HR export with the directory and applies the difference in one transaction.
/// Re-importing the same file finds nothing to change.
/// </summary>
public class PeopleImporter(AppDbContext db)
{
    private const int BatchSize = 2000;

    public Task<PeopleImportPlan> PlanAsync(PeopleCsvFile file, bool deactivateMissing, CancellationToken cancellationToken) =>
        PlanAsync(file, deactivateMissing, deactivating: null, cancellationToken);

    /// <param name="deactivating">
    /// Directory sync: the one person of the file is to be inactive (null for a file). Only the people
    /// the file names (and the administrators) are read then, not the whole directory.
    /// </param>
    private async Task<PeopleImportPlan> PlanAsync(PeopleCsvFile file, bool deactivateMissing, bool? deactivating, CancellationToken cancellationToken)
    {
        var plan = new PeopleImportPlan();
        plan.Errors.AddRange(file.Errors);
        if (!file.IsValid)
        {
            return plan;
        }

        var named = deactivating is null ? null : await NamedAndAdminsAsync(file, cancellationToken);
        var (existing, knownUnits) = await DirectoryAsync(named, cancellationToken);
        var inFile = file.Rows.Select(r => r.Email).ToHashSet(StringComparer.Ordinal);

        foreach (var row in file.Rows)
        {
            if (row.ManagerEmail is not null && !inFile.Contains(row.ManagerEmail) && !existing.ContainsKey(row.ManagerEmail))
            {
                plan.Errors.Add(new ImportError(row.Line, PeopleCsvFormat.ManagerEmail, ImportMessages.UnknownManager, row.ManagerEmail));
                if (plan.Errors.IsFull)
                {
                    return plan;
                }
                continue;
            }
            if (!existing.TryGetValue(row.Email, out var person))
            {
                plan.Added.Add(row);
                continue;
            }
            var changes = Compare(row, person);
            if (deactivating == true)
            {
                changes.Remove(PersonField.Reactivated);
                if (person.IsActive)
                {
                    plan.Deactivated.Add(person);
                }
            }
            if (changes.Count == 0)
            {
                plan.Unchanged++;
            }
            else
            {
                plan.Updated.Add(new PersonUpdate(row, person, changes));
            }
        }

        if (deactivateMissing)
        {
            plan.Deactivated.AddRange(existing.Values.Where(p => p.IsActive && !inFile.Contains(p.Email)).OrderBy(p => p.Name, StringComparer.CurrentCulture));
            await RefuseLockingOutEveryAdminAsync(plan, existing, cancellationToken);
        }
        else if (deactivating == true)
        {
            await RefuseLockingOutEveryAdminAsync(plan, existing, cancellationToken);
        }
        plan.NewUnitPaths.AddRange(file.Rows.SelectMany(r => OrgUnitPaths.WithAncestors(r.UnitPath)).Distinct().Where(p => !knownUnits.Contains(p)).Order(StringComparer.Ordinal));
        return plan;
    }

    /// <summary>A complete export that leaves out every administrator who can still sign in would leave nobody to run the install.</summary>
    private async Task RefuseLockingOutEveryAdminAsync(PeopleImportPlan plan, Dictionary<string, ExistingPerson> existing, CancellationToken cancellationToken)
    {
        if (plan.Deactivated.Count == 0)
        {
            return;
        }
        var admins = await db.UsersInRole(Roles.Admin).Select(u => u.Email!).ToListAsync(cancellationToken);
        var leaving = plan.Deactivated.Select(p => p.Email).ToHashSet(StringComparer.Ordinal);
        var staying = admins.Where(a => !leaving.Contains(a) && (!existing.TryGetValue(a, out var person) || person.IsActive)).ToList();
        if (staying.Count == 0 && admins.Any(leaving.Contains))
        {
            plan.Errors.Add(new ImportError(null, null, ImportMessages.DeactivatesLastAdmins, string.Join(", ", admins.Where(leaving.Contains))));
        }
    }

    private async Task<HashSet<string>> NamedAndAdminsAsync(PeopleCsvFile file, CancellationToken cancellationToken)
    {
        var named = file.Rows.SelectMany(r => new[] { r.Email, r.ManagerEmail }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        named.UnionWith(await db.UsersInRole(Roles.Admin).Select(u => u.Email!).ToListAsync(cancellationToken));
        return named;
    }

    /// <summary>Everyone in the directory (or only the people with these addresses) by e-mail address, and the unit paths there are.</summary>
    private async Task<(Dictionary<string, ExistingPerson> People, HashSet<string> UnitPaths)> DirectoryAsync(HashSet<string>? only, CancellationToken cancellationToken)
    {
        // Unit paths and managers' addresses by id: each person then refers to one shared string, where
        // joining them in would read a copy per person (25 MB more at 100,000 people).
        var unitPaths = await db.OrgUnits.Select(u => new { u.Id, u.NamePath }).ToDictionaryAsync(u => u.Id, u => u.NamePath, cancellationToken);
        var query = db.People.AsNoTracking();
        if (only is not null)
        {
            var addresses = only.ToList();
            query = query.Where(p => addresses.Contains(p.Email));
        }
        var people = await query
            .Select(p => new { p.Id, p.Email, p.Name, p.UnitId, p.IsLead, p.PreferredLanguage, p.IsActive, p.ManagerId, ManagerEmail = only == null ? null : p.Manager!.Email })
            .ToListAsync(cancellationToken);
        var emails = only is null ? people.ToDictionary(p => p.Id, p => p.Email) : people.Where(p => p.ManagerId != null).ToDictionary(p => p.ManagerId!.Value, p => p.ManagerEmail!);
        var existing = people.ToDictionary(
            p => p.Email,
            p => new ExistingPerson(p.Id, p.Email, p.Name, unitPaths[p.UnitId], p.IsLead, p.PreferredLanguage, p.IsActive, p.ManagerId is { } manager ? emails[manager] : null),
            StringComparer.Ordinal);
        return (existing, unitPaths.Values.ToHashSet(StringComparer.Ordinal));
    }

    private static List<PersonField> Compare(PeopleCsvRow row, ExistingPerson person)
    {
        var changes = new List<PersonField>();
        if (row.Name != person.Name) changes.Add(PersonField.Name);
        if (row.UnitPath != person.UnitPath) changes.Add(PersonField.Unit);
        if (row.IsLead != person.IsLead) changes.Add(PersonField.Lead);
        if (row.Language != person.Language) changes.Add(PersonField.Language);
        if (row.ManagerEmail != person.ManagerEmail) changes.Add(PersonField.Manager);
        if (!person.IsActive) changes.Add(PersonField.Reactivated);
        return changes;
    }

    /// <summary>
    /// Plans again inside the transaction (the directory may have changed since the preview) and
    /// writes everything or nothing.
    /// </summary>
    public Task<PeopleImportPlan> ApplyAsync(PeopleCsvFile file, bool deactivateMissing, string actor, IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        ApplyAsync(file, deactivateMissing, deactivating: null, actor, "people.imported", progress, cancellationToken);

    /// <summary>
    /// One person from directory sync (SCIM), by the rules of a file with one row: added or updated,
    /// units created when missing, the manager known, roll-ups marked, audited; an inactive person is
    /// deactivated (signed out, links void), never deleted. Inside the caller's transaction when it has one.
    /// </summary>
    public Task<PeopleImportPlan> ApplyOneAsync(PeopleCsvRow row, bool active, string actor, CancellationToken cancellationToken)
    {
        var file = new PeopleCsvFile();
        file.Rows.Add(row);
        return ApplyAsync(file, deactivateMissing: false, deactivating: !active, actor, "people.synced", progress: null, cancellationToken);
    }

    private async Task<PeopleImportPlan> ApplyAsync(PeopleCsvFile file, bool deactivateMissing, bool? deactivating, string actor, string auditAction, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // The batches' saves are described by the one entry at the end, not one each.
        var auditFollows = db.AuditEntryFollows;
        db.AuditEntryFollows = true;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var plan = await PlanAsync(file, deactivateMissing, deactivating, cancellationToken);
            if (!plan.IsValid)
            {
                return plan;
            }

            var total = plan.ChangeCount;
            var done = 0;
            void Report(int count)
            {
                done += count;
                progress?.Report(new ImportProgress(done, total));
            }
            progress?.Report(new ImportProgress(0, total));

            db.ChangeTracker.AutoDetectChangesEnabled = true;
            var units = await OrgUnitPaths.EnsureAsync(db, plan.Added.Select(r => r.UnitPath).Concat(plan.Updated.Select(u => u.Row.UnitPath)), cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.Clear();

            var (ids, deferredManagers) = await InsertAsync(plan.Added, units, Report, cancellationToken);
            await UpdateAsync(plan.Updated, units, Report, cancellationToken);
            await DeactivateAsync(plan.Deactivated, Report, cancellationToken);
            if (deactivating == true && ids.Count > 0)
            {
                // Made inactive from the start (a provider may provision someone who has not started yet).
                var newIds = ids.Values.ToList();
                var now = db.Clock.GetUtcNow().UtcDateTime;
                await db.People.Where(p => newIds.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false).SetProperty(p => p.DeactivatedAtUtc, now), cancellationToken);
            }
            await AssignManagersAsync(deferredManagers.Concat(plan.Updated.Where(u => u.Changes.Contains(PersonField.Manager)).Select(u => u.Row)), ids, cancellationToken);

            if (plan.ChangeCount > 0)
            {
                StageFactTracker.MarkEverything(db);
            }
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = db.Clock.GetUtcNow().UtcDateTime,
                AffectedPersonId = deactivating is null ? null : (ids.Count > 0 ? ids.Values.First() : plan.Updated.Select(u => (int?)u.Existing.Id).FirstOrDefault() ?? plan.Deactivated.Select(d => (int?)d.Id).FirstOrDefault()),
                Actor = actor,
                Action = auditAction,
                EntityType = nameof(Person),
                Details = (deactivating is null ? "" : file.Rows[0].Email + ": ") + $"added {plan.Added.Count}, updated {plan.Updated.Count}, deactivated {plan.Deactivated.Count}, units created {plan.NewUnitPaths.Count}",
            });
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return plan;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.AuditEntryFollows = auditFollows;
        }
    }

    /// <summary>
    /// Inserts new people, managers before the people they manage so each row gets its manager's id.
    /// Returns the new ids and the rows whose manager could not be set yet (a cycle among new rows).
    /// </summary>
    private async Task<(Dictionary<string, int> Ids, List<PeopleCsvRow> Deferred)> InsertAsync(List<PeopleCsvRow> rows, Dictionary<string, OrgUnit> units, Action<int> report, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        var deferred = new List<PeopleCsvRow>();
        if (rows.Count == 0)
        {
            return (ids, deferred);
        }

        var existingManagers = await ExistingIdsAsync(rows.Select(r => r.ManagerEmail).OfType<string>().Distinct(StringComparer.Ordinal), cancellationToken);
        await using var insert = new PreparedInsert<Person>(db,
            [nameof(Person.Name), nameof(Person.Email), nameof(Person.SearchText), nameof(Person.UnitId), nameof(Person.IsLead), nameof(Person.PreferredLanguage), nameof(Person.ManagerId), nameof(Person.IsActive)],
            returning: nameof(Person.Id));
        // Several rows to a statement (one round trip on a database server); a row whose manager is
        // among the rows not yet sent waits until they are, so it gets the manager's id.
        var pending = new List<object?[]>();
        var pendingEmails = new HashSet<string>(StringComparer.Ordinal);
        async Task SendAsync()
        {
            foreach (var (email, id) in await insert.ExecuteReturningAsync(pending, nameof(Person.Email), cancellationToken))
            {
                ids[email] = id;
            }
            report(pending.Count);
            pending.Clear();
            pendingEmails.Clear();
        }
        foreach (var row in ManagersFirst(rows))
        {
            int? managerId = null;
            if (row.ManagerEmail is { } managerEmail)
            {
                if (pendingEmails.Contains(managerEmail))
                {
                    await SendAsync();
                }
                if (ids.TryGetValue(managerEmail, out var newId) || existingManagers.TryGetValue(managerEmail, out newId))
                {
                    managerId = newId;
                }
                else
                {
                    deferred.Add(row);
                }
            }
            // Enums are stored by name (AppDbContext.ConfigureConventions).
            pending.Add([row.Name, row.Email, Person.SearchTextOf(row.Name, row.Email), units[row.UnitPath].Id, row.IsLead, row.Language.ToString(), managerId, true]);
            pendingEmails.Add(row.Email);
            if (pending.Count >= Math.Max(insert.RowsPerStatement, BatchSize))
            {
                await SendAsync();
            }
        }
        if (pending.Count > 0)
        {
            await SendAsync();
        }
        return (ids, deferred);
    }

    /// <summary>Orders rows so that a new manager comes before the new people who report to them.</summary>
    private static List<PeopleCsvRow> ManagersFirst(List<PeopleCsvRow> rows)
    {
        var byEmail = rows.ToDictionary(r => r.Email, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        int DepthOf(PeopleCsvRow row)
        {
            var chain = new List<string>();
            var current = row;
            var known = 0;
            while (true)
            {
                if (depth.TryGetValue(current.Email, out known))
                {
                    break;
                }
                chain.Add(current.Email);
                if (current.ManagerEmail is not { } manager || !byEmail.TryGetValue(manager, out var next) || chain.Contains(manager))
                {
                    known = -1;
                    break;
                }
                current = next;
            }
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                depth[chain[i]] = ++known;
            }
            return depth[row.Email];
        }
        return [.. rows.OrderBy(DepthOf)];
    }

    private async Task<Dictionary<string, int>> ExistingIdsAsync(IEnumerable<string> emails, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var batch in emails.Chunk(BatchSize))
        {
            foreach (var person in await db.People.Where(p => batch.Contains(p.Email)).Select(p => new { p.Email, p.Id }).ToListAsync(cancellationToken))
            {
                ids[person.Email] = person.Id;
            }
        }
        return ids;
    }

    private async Task UpdateAsync(List<PersonUpdate> updates, Dictionary<string, OrgUnit> units, Action<int> report, CancellationToken cancellationToken)
    {
        foreach (var batch in updates.Chunk(BatchSize))
        {
            var batchIds = batch.Select(u => u.Existing.Id).ToList();
            var people = await db.People.Where(p => batchIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            foreach (var update in batch)
            {
                var person = people[update.Existing.Id];
                person.Name = update.Row.Name;
                person.UnitId = units[update.Row.UnitPath].Id;
                person.IsLead = update.Row.IsLead;
                person.PreferredLanguage = update.Row.Language;
                person.IsActive = true;
                person.DeactivatedAtUtc = null;
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            report(batch.Length);
        }
    }

    private async Task DeactivateAsync(List<ExistingPerson> people, Action<int> report, CancellationToken cancellationToken)
    {
        foreach (var batch in people.Chunk(BatchSize))
        {
            var batchIds = batch.Select(p => p.Id).ToList();
            var now = db.Clock.GetUtcNow().UtcDateTime;
            await db.People.Where(p => batchIds.Contains(p.Id) && p.IsActive).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false).SetProperty(p => p.DeactivatedAtUtc, now), cancellationToken);
            await db.RevokeAccessAsync(batchIds, cancellationToken);
            report(batch.Length);
        }
    }

    private async Task AssignManagersAsync(IEnumerable<PeopleCsvRow> rows, Dictionary<string, int> newIds, CancellationToken cancellationToken)
    {
        var assignments = rows.ToList();
        if (assignments.Count == 0)
        {
            return;
        }

        var idsByEmail = await ExistingIdsAsync(
            assignments.SelectMany(r => new[] { r.Email, r.ManagerEmail }).OfType<string>().Distinct(StringComparer.Ordinal).Where(e => !newIds.ContainsKey(e)),
            cancellationToken);
        foreach (var (email, id) in newIds)
        {
            idsByEmail[email] = id;
        }

        foreach (var batch in assignments.Chunk(BatchSize))
        {
            var byId = batch.ToDictionary(r => idsByEmail[r.Email], r => r.ManagerEmail is null ? (int?)null : idsByEmail[r.ManagerEmail]);
            var batchIds = byId.Keys.ToList();
            foreach (var person in await db.People.Where(p => batchIds.Contains(p.Id)).ToListAsync(cancellationToken))
            {
                person.ManagerId = byId[person.Id];
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}

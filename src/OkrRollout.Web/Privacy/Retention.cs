using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Privacy;

public readonly record struct RetentionResult(int AuditEntriesRemoved, int EmailBodiesRemoved, int PeopleErased, int AbandonedImportsRemoved = 0);

/// <summary>
/// What the nightly retention job removes (<see cref="PrivacyOptions"/>): audit entries past their
/// retention, the bodies of e-mails sent or failed long enough ago (their recipient, subject and
/// outcome stay, so the outbox still answers "was it sent?"), HR uploads never confirmed, and the people
/// deactivated long enough ago.
/// </summary>
public sealed class Retention(AppDbContext db, PrivacyOptions options, PersonErasure erasure)
{
    /// <summary>Rows removed per statement, so a first run over years of entries is many short transactions, not one long one.</summary>
    public const int Batch = 5000;

    /// <summary>An uploaded HR file nobody confirmed is removed after this: it holds everyone's name and address.</summary>
    public static readonly TimeSpan AbandonedImportKept = TimeSpan.FromDays(1);

    public async Task<RetentionResult> ApplyAsync(CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var audit = 0;
        if (options.AuditRetentionDays > 0)
        {
            var before = now.AddDays(-options.AuditRetentionDays);
            int removed;
            do
            {
                var ids = db.AuditEntries.Where(a => a.AtUtc < before).OrderBy(a => a.Id).Select(a => a.Id).Take(Batch);
                removed = await db.AuditEntries.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
                audit += removed;
            }
            while (removed == Batch);
        }
        var bodies = 0;
        if (options.EmailBodyRetentionDays > 0)
        {
            var before = now.AddDays(-options.EmailBodyRetentionDays);
            bodies = await db.OutboxMessages
                .Where(m => (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed) && m.CreatedAtUtc < before && (m.TextBody != "" || m.HtmlBody != "" || m.Calendar != null))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.TextBody, "").SetProperty(m => m.HtmlBody, "").SetProperty(m => m.Calendar, (string?)null), cancellationToken);
        }
        var abandonedBefore = now - AbandonedImportKept;
        var imports = await db.PeopleImports.Where(i => i.Status == PeopleImportStatus.Previewed && i.UploadedAtUtc < abandonedBefore).ExecuteDeleteAsync(cancellationToken);
        var erased = await erasure.EraseDueAsync(cancellationToken);
        var result = new RetentionResult(audit, bodies, erased, imports);
        if (audit + bodies + imports > 0)
        {
            db.Audit(PersonErasure.System, "retention.applied", nameof(AuditEntry), null,
                $"audit entries removed {audit} (older than {options.AuditRetentionDays} days), e-mail bodies removed {bodies} (older than {options.EmailBodyRetentionDays} days), unconfirmed HR uploads removed {imports}");
            await db.SaveChangesAsync(cancellationToken);
        }
        return result;
    }
}

using System.Security.Claims;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

public static class AuditLog
{
    /// <summary>Runs saves whose audit entry the caller writes itself afterwards, so <see cref="AuditTrail"/> adds none of its own for them.</summary>
    public static async Task<T> WithAuditToFollowAsync<T>(this AppDbContext db, Func<Task<T>> saves)
    {
        var before = db.AuditEntryFollows;
        db.AuditEntryFollows = true;
        try
        {
            return await saves();
        }
        finally
        {
            db.AuditEntryFollows = before;
        }
    }

    /// <summary>Adds an audit row to the context, so it is saved in the same transaction as the change it describes.</summary>
    public static void Audit(this AppDbContext db, ClaimsPrincipal user, string action, string entityType, object? entityId, string details = "", int? affectedPersonId = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = db.Clock.GetUtcNow().UtcDateTime,
            Actor = user.Identity?.Name ?? "anonymous",
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            Details = details,
            AffectedPersonId = affectedPersonId,
        });
}

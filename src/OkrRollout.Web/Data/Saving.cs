using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

public static class Saving
{
    /// <summary>
    /// Saves the change and its audit row in one transaction. The audit row is written after the
    /// first save so a new entity's id is known. False when an <see cref="IVersioned"/> entity was
    /// changed by somebody else in between: then nothing is saved.
    /// </summary>
    public static async Task<bool> SaveWithAuditAsync(this AppDbContext db, ClaimsPrincipal user, string action, string entityType, Func<object?> entityId, string details, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.WithAuditToFollowAsync(() => db.SaveChangesAsync(cancellationToken));
            db.Audit(user, action, entityType, entityId(), details);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>The version the editor saw becomes the condition of the update; the saved row gets the next one.</summary>
    public static void ExpectVersion(this AppDbContext db, IVersioned entity, int seenVersion)
    {
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = seenVersion;
        entity.Version = seenVersion + 1;
    }
}

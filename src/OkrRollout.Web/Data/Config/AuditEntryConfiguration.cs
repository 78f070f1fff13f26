using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(254);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(100);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        // The audit page's filters, newest first: each walks its own index in id order.
        builder.HasIndex(a => new { a.AffectedPersonId, a.Id });
        builder.HasIndex(a => new { a.Actor, a.Id });
        builder.HasIndex(a => new { a.Action, a.Id });
        builder.HasIndex(a => new { a.EntityType, a.Id });
    }
}

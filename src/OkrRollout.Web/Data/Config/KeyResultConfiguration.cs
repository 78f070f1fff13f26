using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class KeyResultConfiguration : IEntityTypeConfiguration<KeyResult>
{
    public void Configure(EntityTypeBuilder<KeyResult> builder)
    {
        builder.Property(k => k.Title).HasMaxLength(300);
        builder.Property(k => k.UnitLabel).HasMaxLength(50);
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.Ignore(k => k.Progress);
        builder.HasIndex(k => k.OwnerId);
        builder.HasOne(k => k.Owner).WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(k => k.CheckIns).WithOne(c => c.KeyResult).HasForeignKey(c => c.KeyResultId);
    }
}

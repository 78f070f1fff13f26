using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> builder)
    {
        builder.Property(u => u.Name).HasMaxLength(OrgUnit.MaxNameLength);
        builder.Property(u => u.IdPath).HasMaxLength(400);
        builder.Property(u => u.NamePath).HasMaxLength(OrgUnit.MaxNamePathLength);
        builder.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.ParentId, u.Name }).IsUnique();
        builder.HasIndex(u => u.IdPath);
        builder.HasIndex(u => u.NamePath).IsUnique();
    }
}

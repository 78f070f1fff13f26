using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class StageOverrideConfiguration : IEntityTypeConfiguration<StageOverride>
{
    public void Configure(EntityTypeBuilder<StageOverride> builder)
    {
        builder.Property(o => o.Reason).HasMaxLength(1000);
        builder.Property(o => o.SetBy).HasMaxLength(254);
        builder.HasIndex(o => new { o.ProgrammeId, o.PersonId }).IsUnique();
        builder.HasOne<Programme>().WithMany().HasForeignKey(o => o.ProgrammeId);
        builder.HasOne(o => o.Person).WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

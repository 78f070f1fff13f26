using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class AdoptionSnapshotConfiguration : IEntityTypeConfiguration<AdoptionSnapshot>
{
    public void Configure(EntityTypeBuilder<AdoptionSnapshot> builder)
    {
        builder.HasIndex(s => new { s.ProgrammeId, s.Date, s.WaveId });
        builder.HasOne<Programme>().WithMany().HasForeignKey(s => s.ProgrammeId);
        builder.HasOne<Wave>().WithMany().HasForeignKey(s => s.WaveId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

public class StageRollupConfiguration : IEntityTypeConfiguration<StageRollup>
{
    public void Configure(EntityTypeBuilder<StageRollup> builder)
    {
        builder.HasIndex(r => new { r.ProgrammeId, r.WaveId });
        builder.HasIndex(r => r.UnitId);
    }
}

public class UnitActivityRollupConfiguration : IEntityTypeConfiguration<UnitActivityRollup>
{
    public void Configure(EntityTypeBuilder<UnitActivityRollup> builder)
    {
        builder.HasKey(r => r.UnitId);
        builder.Property(r => r.UnitId).ValueGeneratedNever();
    }
}

public class RollupStateConfiguration : IEntityTypeConfiguration<RollupState>
{
    public void Configure(EntityTypeBuilder<RollupState> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class WaveConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.Property(w => w.Description).HasMaxLength(4000);
        builder.Property(w => w.ExitMilestone).HasMaxLength(1000);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.ProgrammeId, w.Order });
        builder.HasMany(w => w.Groups).WithOne(g => g.Wave).HasForeignKey(g => g.WaveId);
        builder.HasMany(w => w.Members).WithOne(m => m.Wave).HasForeignKey(m => m.WaveId);
    }
}

public class RolloutGroupConfiguration : IEntityTypeConfiguration<RolloutGroup>
{
    public void Configure(EntityTypeBuilder<RolloutGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.HasOne(g => g.Facilitator).WithMany().HasForeignKey(g => g.FacilitatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class WaveMemberConfiguration : IEntityTypeConfiguration<WaveMember>
{
    public void Configure(EntityTypeBuilder<WaveMember> builder)
    {
        builder.HasIndex(m => new { m.ProgrammeId, m.PersonId }).IsUnique();
        builder.HasIndex(m => new { m.WaveId, m.RolloutGroupId });
        builder.HasOne(m => m.Programme).WithMany().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.RolloutGroup).WithMany().HasForeignKey(m => m.RolloutGroupId).OnDelete(DeleteBehavior.SetNull);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

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

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

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

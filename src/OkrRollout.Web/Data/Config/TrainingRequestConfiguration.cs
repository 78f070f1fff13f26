using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class TrainingRequestConfiguration : IEntityTypeConfiguration<TrainingRequest>
{
    public void Configure(EntityTypeBuilder<TrainingRequest> builder)
    {
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.Property(r => r.DeclineReason).HasMaxLength(2000);
        builder.Property(r => r.DecidedBy).HasMaxLength(254);
        builder.HasIndex(r => new { r.ProgrammeId, r.Status });
        builder.HasOne(r => r.Programme).WithMany().HasForeignKey(r => r.ProgrammeId);
        builder.HasOne(r => r.RequestedBy).WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

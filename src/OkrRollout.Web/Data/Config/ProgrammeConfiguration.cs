using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Why).HasMaxLength(4000);
        builder.Property(p => p.WhyFi).HasMaxLength(4000);
        builder.HasOne(p => p.Sponsor).WithMany().HasForeignKey(p => p.SponsorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Waves).WithOne(w => w.Programme).HasForeignKey(w => w.ProgrammeId);
        builder.HasMany(p => p.Roles).WithOne(r => r.Programme).HasForeignKey(r => r.ProgrammeId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class RolloutGroupConfiguration : IEntityTypeConfiguration<RolloutGroup>
{
    public void Configure(EntityTypeBuilder<RolloutGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.HasOne(g => g.Facilitator).WithMany().HasForeignKey(g => g.FacilitatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

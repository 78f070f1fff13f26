using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class KeyResultContributorConfiguration : IEntityTypeConfiguration<KeyResultContributor>
{
    public void Configure(EntityTypeBuilder<KeyResultContributor> builder)
    {
        builder.HasKey(c => new { c.KeyResultId, c.PersonId });
        builder.HasOne(c => c.KeyResult).WithMany(k => k.Contributors).HasForeignKey(c => c.KeyResultId);
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

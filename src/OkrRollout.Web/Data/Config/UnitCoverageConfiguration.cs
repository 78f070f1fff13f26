using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class UnitCoverageConfiguration : IEntityTypeConfiguration<UnitCoverage>
{
    public void Configure(EntityTypeBuilder<UnitCoverage> builder)
    {
        builder.HasIndex(c => new { c.ProgrammeId, c.UnitId, c.PersonId }).IsUnique();
        builder.HasOne(c => c.Programme).WithMany().HasForeignKey(c => c.ProgrammeId);
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

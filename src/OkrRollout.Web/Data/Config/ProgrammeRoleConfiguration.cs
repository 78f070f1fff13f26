using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class ProgrammeRoleConfiguration : IEntityTypeConfiguration<ProgrammeRole>
{
    public void Configure(EntityTypeBuilder<ProgrammeRole> builder)
    {
        builder.HasIndex(r => new { r.ProgrammeId, r.PersonId, r.Role }).IsUnique();
        builder.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.HelpsWith).HasMaxLength(500);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.HasIndex(e => new { e.SessionId, e.PersonId }).IsUnique();
        builder.HasIndex(e => new { e.SessionId, e.State });
        builder.HasIndex(e => new { e.PersonId, e.State });
        builder.HasIndex(e => e.ResponseTokenHash);
        builder.Property(e => e.ResponseTokenHash).HasMaxLength(64);
        builder.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

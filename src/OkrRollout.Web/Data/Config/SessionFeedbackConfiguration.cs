using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class SessionFeedbackConfiguration : IEntityTypeConfiguration<SessionFeedback>
{
    public void Configure(EntityTypeBuilder<SessionFeedback> builder)
    {
        builder.Property(f => f.Comment).HasMaxLength(2000);
        builder.HasIndex(f => new { f.SessionId, f.PersonId }).IsUnique();
        builder.HasOne(f => f.Session).WithMany().HasForeignKey(f => f.SessionId);
        builder.HasOne(f => f.Person).WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class SessionTrainerConfiguration : IEntityTypeConfiguration<SessionTrainer>
{
    public void Configure(EntityTypeBuilder<SessionTrainer> builder)
    {
        builder.HasKey(t => new { t.SessionId, t.PersonId });
        builder.HasOne(t => t.Session).WithMany(s => s.Trainers).HasForeignKey(t => t.SessionId);
        builder.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.Property(s => s.Room).HasMaxLength(200);
        builder.Property(s => s.Link).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.EndUtc);
        builder.Ignore(s => s.CalendarUid);
        builder.HasIndex(s => s.StartUtc);
        builder.HasIndex(s => new { s.Kind, s.Language, s.StartUtc });
        builder.HasOne(s => s.Programme).WithMany().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.Wave).WithMany().HasForeignKey(s => s.WaveId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.RolloutGroup).WithMany().HasForeignKey(s => s.RolloutGroupId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(s => s.TrainingRequest).WithMany().HasForeignKey(s => s.TrainingRequestId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Enrollments).WithOne(e => e.Session).HasForeignKey(e => e.SessionId);
    }
}

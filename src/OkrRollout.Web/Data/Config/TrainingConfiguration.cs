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

public class SessionTrainerConfiguration : IEntityTypeConfiguration<SessionTrainer>
{
    public void Configure(EntityTypeBuilder<SessionTrainer> builder)
    {
        builder.HasKey(t => new { t.SessionId, t.PersonId });
        builder.HasOne(t => t.Session).WithMany(s => s.Trainers).HasForeignKey(t => t.SessionId);
        builder.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

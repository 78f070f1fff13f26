using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class CycleConfiguration : IEntityTypeConfiguration<Cycle>
{
    public void Configure(EntityTypeBuilder<Cycle> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasMany(c => c.Periods).WithOne(p => p.Cycle).HasForeignKey(p => p.CycleId);
    }
}

public class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasIndex(p => p.StartDate);
    }
}

public class ObjectiveConfiguration : IEntityTypeConfiguration<Objective>
{
    public void Configure(EntityTypeBuilder<Objective> builder)
    {
        builder.Property(o => o.Title).HasMaxLength(300);
        builder.Property(o => o.Why).HasMaxLength(4000);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.PeriodId, o.UnitId });
        builder.HasIndex(o => o.ParentId);
        builder.HasOne(o => o.Period).WithMany().HasForeignKey(o => o.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Unit).WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Owner).WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.KeyResults).WithOne(k => k.Objective).HasForeignKey(k => k.ObjectiveId);
    }
}

public class KeyResultConfiguration : IEntityTypeConfiguration<KeyResult>
{
    public void Configure(EntityTypeBuilder<KeyResult> builder)
    {
        builder.Property(k => k.Title).HasMaxLength(300);
        builder.Property(k => k.UnitLabel).HasMaxLength(50);
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.Ignore(k => k.Progress);
        builder.HasIndex(k => k.OwnerId);
        builder.HasOne(k => k.Owner).WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(k => k.CheckIns).WithOne(c => c.KeyResult).HasForeignKey(c => c.KeyResultId);
    }
}

public class KeyResultContributorConfiguration : IEntityTypeConfiguration<KeyResultContributor>
{
    public void Configure(EntityTypeBuilder<KeyResultContributor> builder)
    {
        builder.HasKey(c => new { c.KeyResultId, c.PersonId });
        builder.HasOne(c => c.KeyResult).WithMany(k => k.Contributors).HasForeignKey(c => c.KeyResultId);
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.Property(c => c.Note).HasMaxLength(2000);
        builder.HasIndex(c => new { c.KeyResultId, c.Date });
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class RetroConfiguration : IEntityTypeConfiguration<Retro>
{
    public void Configure(EntityTypeBuilder<Retro> builder)
    {
        builder.Property(r => r.WhatWorked).HasMaxLength(4000);
        builder.Property(r => r.WhatWeLearned).HasMaxLength(4000);
        builder.Property(r => r.FirstStepNextPeriod).HasMaxLength(2000);
        builder.Property(r => r.CreatedBy).HasMaxLength(254);
        builder.HasIndex(r => new { r.PeriodId, r.UnitId }).IsUnique();
        builder.HasOne(r => r.Period).WithMany().HasForeignKey(r => r.PeriodId);
        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Scores).WithOne(s => s.Retro).HasForeignKey(s => s.RetroId);
    }
}

public class RetroScoreConfiguration : IEntityTypeConfiguration<RetroScore>
{
    public void Configure(EntityTypeBuilder<RetroScore> builder)
    {
        builder.HasKey(s => new { s.RetroId, s.KeyResultId });
        builder.HasOne(s => s.KeyResult).WithMany().HasForeignKey(s => s.KeyResultId).OnDelete(DeleteBehavior.Restrict);
    }
}

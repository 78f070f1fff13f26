using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

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

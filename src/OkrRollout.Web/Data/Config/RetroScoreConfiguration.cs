using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class RetroScoreConfiguration : IEntityTypeConfiguration<RetroScore>
{
    public void Configure(EntityTypeBuilder<RetroScore> builder)
    {
        builder.HasKey(s => new { s.RetroId, s.KeyResultId });
        builder.HasOne(s => s.KeyResult).WithMany().HasForeignKey(s => s.KeyResultId).OnDelete(DeleteBehavior.Restrict);
    }
}

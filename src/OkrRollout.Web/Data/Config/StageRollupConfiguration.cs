using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class StageRollupConfiguration : IEntityTypeConfiguration<StageRollup>
{
    public void Configure(EntityTypeBuilder<StageRollup> builder)
    {
        builder.HasIndex(r => new { r.ProgrammeId, r.WaveId });
        builder.HasIndex(r => r.UnitId);
    }
}

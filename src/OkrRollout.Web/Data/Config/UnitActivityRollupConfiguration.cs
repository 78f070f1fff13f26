using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class UnitActivityRollupConfiguration : IEntityTypeConfiguration<UnitActivityRollup>
{
    public void Configure(EntityTypeBuilder<UnitActivityRollup> builder)
    {
        builder.HasKey(r => r.UnitId);
        builder.Property(r => r.UnitId).ValueGeneratedNever();
    }
}

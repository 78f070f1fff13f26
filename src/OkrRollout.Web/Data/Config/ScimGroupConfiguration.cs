using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class ScimGroupConfiguration : IEntityTypeConfiguration<ScimGroup>
{
    public void Configure(EntityTypeBuilder<ScimGroup> builder)
    {
        builder.Property(g => g.DisplayName).HasMaxLength(TextLimits.Name);
        builder.Property(g => g.ExternalId).HasMaxLength(TextLimits.ExternalId);
        builder.Property(g => g.Role).HasMaxLength(32);
        builder.HasIndex(g => g.Role).IsUnique();
    }
}

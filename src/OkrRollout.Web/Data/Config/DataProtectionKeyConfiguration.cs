using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OkrRollout.Web.Data.Config;

/// <summary>
/// The library's key entity on the table the app's own repository made (migration DataProtectionKeys):
/// the same table and columns by convention; Xml stays NOT NULL as it was (the key manager always
/// writes it), so installs keep their key ring and the schema does not change.
/// </summary>
public class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("DataProtectionKeys");
        builder.Property(k => k.Id).HasColumnName("Id");
        builder.Property(k => k.FriendlyName).HasColumnName("FriendlyName");
        builder.Property(k => k.Xml).HasColumnName("Xml").IsRequired();
    }
}

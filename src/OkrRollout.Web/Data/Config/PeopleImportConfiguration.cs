using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class PeopleImportConfiguration : IEntityTypeConfiguration<PeopleImport>
{
    public void Configure(EntityTypeBuilder<PeopleImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.UploadedBy).HasMaxLength(254);
    }
}

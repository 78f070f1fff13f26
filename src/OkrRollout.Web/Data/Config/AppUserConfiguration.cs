using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Data.Config;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        // The users page joins the directory to sign-ins on the e-mail address.
        builder.HasIndex(u => u.Email);
        builder.Property(u => u.LastSignInMethod).HasMaxLength(16);
    }
}

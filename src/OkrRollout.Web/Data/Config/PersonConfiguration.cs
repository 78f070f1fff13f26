using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data.Config;

public class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.SearchText).HasMaxLength(460);
        // In the people list's order (name, then id) and carrying the active flag and the search text,
        // so paging and the text filter walk this index alone and visit only the rows they show.
        // (SQLite does not treat "WHERE IsActive" as an equality, so the flag cannot lead.)
        builder.HasIndex(p => new { p.Name, p.Id, p.IsActive, p.SearchText });
        // The filter's total counts every match: this narrower index is the least to read for it
        // (at 100,000 people, 14 → 8 ms with a text filter on SQLite, 12 → 2 ms without one).
        builder.HasIndex(p => new { p.IsActive, p.SearchText });
        // A unit's people in name order; with the active flag, a unit filter's total is counted from
        // this index alone (a division of 16,700 at 100,000 people: 12 → 2 ms on SQLite).
        builder.HasIndex(p => new { p.UnitId, p.Name, p.IsActive });
        // The lead and language filters, which an ambassador combines to plan training in a language.
        builder.HasIndex(p => new { p.IsLead, p.PreferredLanguage, p.IsActive });
        // The users page's sign-in filters: active people in address order, matched to sign-ins in the same order.
        builder.HasIndex(p => new { p.IsActive, p.Email });
        // The nightly erasure looks for people deactivated long enough ago and not yet erased.
        builder.HasIndex(p => new { p.ErasedAtUtc, p.DeactivatedAtUtc });
        builder.Property(p => p.ExternalId).HasMaxLength(TextLimits.ExternalId);
        builder.HasIndex(p => p.ExternalId);
        builder.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Manager).WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
    }
}

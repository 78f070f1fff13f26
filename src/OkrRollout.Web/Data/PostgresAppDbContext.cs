using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

/// <summary>
/// The model on PostgreSQL, with the migrations in Data/Migrations/Postgres. Differences from SQLite:
/// times are UTC (as every *Utc property already is) and unit paths compare byte by byte, as SQLite
/// compares them, so the engines behave alike; and the people filter's text search has a trigram index.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, TimeProvider clock) : AppDbContext(options, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Npgsql writes only UTC DateTimes to timestamptz; values read from forms or SQLite-era code are Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The "C" collation keeps the alignment tree's and the unit pickers' order the same as on SQLite,
        // and lets the subtree prefix match (IdPath LIKE '/1/7/%') use the index whatever the database's locale.
        builder.Entity<OrgUnit>().Property(u => u.IdPath).UseCollation("C");
        builder.Entity<OrgUnit>().Property(u => u.NamePath).UseCollation("C");
        // "Name or e-mail contains" (a LIKE '%…%', see PeopleFilter) answered from the index instead of
        // reading every person. pg_trgm ships with PostgreSQL and is trusted: a database owner may create it.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Person>().HasIndex(p => p.SearchText, "IX_People_SearchText_Trigrams").HasMethod("gin").HasOperators("gin_trgm_ops");
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

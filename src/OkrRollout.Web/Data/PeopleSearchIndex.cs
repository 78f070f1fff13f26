using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

/// <summary>
/// SQLite's text index of the people: an FTS5 table of trigrams over <see cref="Person.SearchText"/>,
/// kept in step by triggers on People (migration PeopleSearchIndex). PostgreSQL has its own trigram
/// index, which its planner uses for LIKE by itself.
/// </summary>
public static class PeopleSearchIndex
{
    /// <summary>A trigram index finds nothing for a shorter term.</summary>
    public const int ShortestTerm = 3;

    /// <summary>The people whose search text contains <paramref name="term"/> (lower case, at least <see cref="ShortestTerm"/> characters).</summary>
    public static IQueryable<Person> Containing(AppDbContext db, string term)
    {
        // A quoted FTS5 phrase of trigrams matches exactly where the term is a substring; a quote in
        // the term is doubled. The index is read first, then each match's row by its key.
        var phrase = "\"" + term.Replace("\"", "\"\"") + "\"";
        return db.People.FromSql($"SELECT p.* FROM \"PeopleSearch\"({phrase}) AS s CROSS JOIN \"People\" AS p ON p.\"Id\" = s.rowid");
    }
}

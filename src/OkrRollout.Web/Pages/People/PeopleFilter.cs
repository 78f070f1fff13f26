using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Web.Pages.People;

public enum PersonStatusFilter
{
    Active,
    Inactive,
    All,
}

/// <summary>The people list's filter, bound from the query string so every filtered list has a URL.</summary>
public class PeopleFilter
{
    public const int PageSize = 50;

    public string? Q { get; set; }
    public int? Unit { get; set; }
    public bool? Lead { get; set; }
    public Language? Language { get; set; }
    public PersonStatusFilter Status { get; set; } = PersonStatusFilter.Active;
    /// <summary>Not "page": Razor Pages reserves that route value for the page's own name.</summary>
    public int PageNumber { get; set; } = 1;

    public async Task<IQueryable<Person>> ApplyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim().ToLowerInvariant();
            // On PostgreSQL a LIKE pattern can use the trigram index (PostgresAppDbContext); on SQLite
            // a plain "contains" scans the narrow (IsActive, SearchText) index fastest.
            if (db.Database.IsNpgsql())
            {
                var pattern = "%" + EscapeLike(term) + "%";
                people = people.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\"));
            }
            else
            {
                people = people.Where(p => p.SearchText.Contains(term));
            }
        }
        if (Unit is { } unitId)
        {
            // The unit's subtree as ids first: "UnitId IN (…)" lets the database use the UnitId index,
            // where a join on the path prefix would walk the whole table in name order.
            var subtree = await UnitSubtree.IdsAsync(db, unitId, cancellationToken);
            people = people.Where(p => subtree.Contains(p.UnitId));
        }
        if (Lead is { } isLead)
        {
            people = people.Where(p => p.IsLead == isLead);
        }
        if (Language is { } language)
        {
            people = people.Where(p => p.PreferredLanguage == language);
        }
        people = Status switch
        {
            PersonStatusFilter.Active => people.Where(p => p.IsActive),
            PersonStatusFilter.Inactive => people.Where(p => !p.IsActive),
            _ => people,
        };
        return people;
    }

    private static string EscapeLike(string term) => term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public Dictionary<string, string?> RouteValues(int page) => new()
    {
        ["q"] = Q,
        ["unit"] = Unit?.ToString(),
        ["lead"] = Lead?.ToString().ToLowerInvariant(),
        ["language"] = Language?.ToString(),
        ["status"] = Status == PersonStatusFilter.Active ? null : Status.ToString(),
        ["pageNumber"] = page == 1 ? null : page.ToString(),
    };
}

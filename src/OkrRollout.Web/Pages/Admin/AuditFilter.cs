using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Admin;

/// <summary>
/// The audit page's filter, from its query string. Each criterion is an equality or a range on an
/// indexed column, and the entries come newest first by id, so a page of a million entries reads
/// only the rows it shows.
/// </summary>
public sealed class AuditFilter
{
    /// <summary>Who acted: a sign-in's e-mail, "system" for the app's jobs, "scim" or "seed".</summary>
    [StringLength(TextLimits.Search, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? Actor { get; set; }

    /// <summary>The person the entries are about: an e-mail (a pseudonym for someone erased) or #id.</summary>
    [StringLength(TextLimits.Search, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? Person { get; set; }

    [StringLength(TextLimits.Search, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? Entity { get; set; }

    /// <summary>The action, or a family of them ending in a dot ("person." for everything done to people).</summary>
    [StringLength(TextLimits.Search, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? Action { get; set; }

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Entries older than this id (the next page).</summary>
    public long? Before { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Actor) && string.IsNullOrWhiteSpace(Person) && string.IsNullOrWhiteSpace(Entity) && string.IsNullOrWhiteSpace(Action) && From is null && To is null;

    /// <summary>The filter's query values, without the page: for the CSV link and the next page's.</summary>
    public Dictionary<string, string?> RouteValues() => new()
    {
        ["actor"] = Actor,
        ["person"] = Person,
        ["entity"] = Entity,
        ["action"] = Action,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The person the filter names, when it names one: (found, id); an unknown e-mail finds nothing.</summary>
    public async Task<(bool Found, int? PersonId)> PersonIdAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var text = Person?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (true, null);
        }
        if (text.StartsWith('#') && int.TryParse(text[1..], out var id))
        {
            return (true, id);
        }
        var email = Domain.Person.NormaliseEmail(text);
        var found = await db.People.Where(p => p.Email == email).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        return (found is not null, found);
    }

    /// <summary>The matching entries, newest first; null when the filter names a person nobody is.</summary>
    public async Task<IQueryable<AuditEntry>?> ApplyAsync(AppDbContext db, OrganisationTime time, CancellationToken cancellationToken)
    {
        var (found, personId) = await PersonIdAsync(db, cancellationToken);
        if (!found)
        {
            return null;
        }
        var entries = db.AuditEntries.AsNoTracking();
        if (personId is { } person)
        {
            entries = entries.Where(a => a.AffectedPersonId == person);
        }
        if (Actor?.Trim() is { Length: > 0 } actor)
        {
            var normalised = actor.ToLowerInvariant();
            entries = entries.Where(a => a.Actor == normalised || a.Actor == actor);
        }
        if (Entity?.Trim() is { Length: > 0 } entity)
        {
            entries = entries.Where(a => a.EntityType == entity);
        }
        if (Action?.Trim() is { Length: > 0 } action)
        {
            if (action.EndsWith('.'))
            {
                // A family of actions ("person.") as a range, which both engines answer from the index.
                var upper = action + "\uffff";
                entries = entries.Where(a => string.Compare(a.Action, action) >= 0 && string.Compare(a.Action, upper) < 0);
            }
            else
            {
                entries = entries.Where(a => a.Action == action);
            }
        }
        if (From is { } from)
        {
            var start = time.StartOfDayUtc(from);
            entries = entries.Where(a => a.AtUtc >= start);
        }
        if (To is { } to)
        {
            var end = time.StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(a => a.AtUtc < end);
        }
        if (Before is { } before)
        {
            entries = entries.Where(a => a.Id < before);
        }
        return entries.OrderByDescending(a => a.Id);
    }
}

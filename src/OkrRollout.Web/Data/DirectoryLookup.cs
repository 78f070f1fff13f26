using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

/// <summary>The answer to one typed address: the person's id, or why there is none (a localisation key).</summary>
public readonly record struct DirectoryMatch(int? PersonId, string? Problem);

/// <summary>The answer to a typed list of addresses: the people found, by address, and the addresses that match nobody active.</summary>
public sealed record DirectoryMatches(IReadOnlyDictionary<string, int> PersonIds, IReadOnlyList<string> Unknown)
{
    public IReadOnlyCollection<int> Ids => [.. PersonIds.Values];

    public bool NothingTyped => PersonIds.Count == 0 && Unknown.Count == 0;
}

/// <summary>
/// Finding people of the directory by the addresses typed into a form. Only active people are found:
/// someone who has left is not made an owner, a trainer or a member any more, though a link that is
/// already there (the key result's owner who left) stays when the form is saved again.
/// </summary>
public static class DirectoryLookup
{
    public const string Unknown = "Nobody in the directory has this e-mail address.";
    public const string Inactive = "This person is no longer active in the directory.";
    public const string UnknownInList = "Nobody active in the directory has the e-mail address(es): {0}";

    public static async Task<DirectoryMatch> FindAsync(AppDbContext db, string? email, CancellationToken cancellationToken, int? keeping = null)
    {
        var address = Person.NormaliseEmail(email ?? "");
        var person = await db.People.Where(p => p.Email == address).Select(p => new { p.Id, p.IsActive }).SingleOrDefaultAsync(cancellationToken);
        return person switch
        {
            null => new DirectoryMatch(null, Unknown),
            { IsActive: false } when person.Id != keeping => new DirectoryMatch(null, Inactive),
            _ => new DirectoryMatch(person.Id, null),
        };
    }

    /// <summary>For an optional field: a blank one names nobody, which is no problem.</summary>
    public static Task<DirectoryMatch> FindIfNamedAsync(AppDbContext db, string? email, CancellationToken cancellationToken, int? keeping = null) =>
        string.IsNullOrWhiteSpace(email) ? Task.FromResult(new DirectoryMatch(null, null)) : FindAsync(db, email, cancellationToken, keeping);

    /// <param name="keeping">People already linked, who stay even if they have left since.</param>
    public static async Task<DirectoryMatches> FindListAsync(AppDbContext db, string? typedList, CancellationToken cancellationToken, IEnumerable<int>? keeping = null)
    {
        var addresses = Person.ParseEmailList(typedList);
        var kept = keeping?.ToHashSet() ?? [];
        var found = await db.People.Where(p => addresses.Contains(p.Email)).Select(p => new { p.Id, p.Email, p.IsActive }).ToListAsync(cancellationToken);
        var ids = found.Where(p => p.IsActive || kept.Contains(p.Id)).ToDictionary(p => p.Email, p => p.Id);
        return new DirectoryMatches(ids, [.. addresses.Where(a => !ids.ContainsKey(a))]);
    }
}

using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Pages.People;

namespace OkrRollout.Web.Pages.Units;

public sealed class UnitPickerOptions
{
    public const string Section = "UnitPicker";

    /// <summary>Up to this many units a picker lists them all; above it, the top levels and the chosen unit, and a search box finds the rest.</summary>
    public int FullListLimit { get; set; } = 300;

    /// <summary>Depth of the deepest units always listed: the organisation (0), its divisions and their functions.</summary>
    public int ListedDepth { get; set; } = 2;

    /// <summary>At most this many of those top levels are listed: a flat organisation can have thousands there too.</summary>
    public int ListedLimit { get; set; } = 300;

    public int SearchResults { get; set; } = 50;
}

/// <summary>The units a picker offers; <see cref="Complete"/> is false when only some are listed and the picker searches for the others.</summary>
public sealed record UnitChoices(List<UnitOption> Options, bool Complete);

/// <summary>What the empty first option of a unit picker says.</summary>
public enum UnitPickerEmpty
{
    None,
    AllUnits,
    ChooseUnit,
    NoUnit,
}

/// <summary>
/// The units offered by the unit pickers (people filter, person form, inviting a unit). At 2,000 units a
/// full select is a 120 KB list nobody scrolls, rendered on every page view: beyond
/// <see cref="UnitPickerOptions.FullListLimit"/> the organisation, its divisions and their functions are
/// listed, with the chosen unit, and typing finds any unit by its path (/Units/Search).
/// </summary>
public sealed class UnitPicker(AppDbContext db, UnitPickerOptions options)
{
    public async Task<UnitChoices> ChoicesAsync(int? selected, CancellationToken cancellationToken)
    {
        if (await db.OrgUnits.CountAsync(cancellationToken) <= options.FullListLimit)
        {
            return new(await UnitOption.ListAsync(db, cancellationToken), Complete: true);
        }
        var listed = await UnitOption.Select(db.OrgUnits.Where(u => u.Depth <= options.ListedDepth))
            .Take(options.ListedLimit).ToListAsync(cancellationToken);
        if (selected is { } id && listed.All(u => u.Id != id))
        {
            listed.AddRange(await UnitOption.Select(db.OrgUnits.Where(u => u.Id == id)).ToListAsync(cancellationToken));
        }
        return new(listed, Complete: false);
    }

    /// <summary>Units whose path contains the term (any case), in tree order, and the chosen unit so a search never loses it.</summary>
    public async Task<List<UnitOption>> SearchAsync(string? term, int? selected, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return (await ChoicesAsync(selected, cancellationToken)).Options;
        }
        // Matched here, not in SQL: lower() in SQLite, and in PostgreSQL under the paths' "C" collation,
        // folds only ASCII letters, and "ääni" must find "Ääniryhmä". A few thousand paths take a millisecond.
        var needle = term.Trim();
        return (await UnitOption.ListAsync(db, cancellationToken))
            .Where(u => u.NamePath.Contains(needle, StringComparison.OrdinalIgnoreCase) || u.Id == selected)
            .Take(options.SearchResults).ToList();
    }
}

/// <summary>A unit picker as a form shows it.</summary>
/// <param name="Indented">Names indented by depth (a filter over the tree) rather than full paths (a form field).</param>
public sealed record UnitPickerView(string Id, string Name, UnitChoices Choices, int? Selected, UnitPickerEmpty Empty, bool Indented = false, bool Required = false)
{
    public UnitOptionsView Options => new(Choices.Options, Selected, Empty, Indented && Choices.Complete);
}

public sealed record UnitOptionsView(List<UnitOption> Options, int? Selected, UnitPickerEmpty Empty, bool Indented);

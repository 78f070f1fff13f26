using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Okr;

/// <summary>
/// A period's alignment tree: company objectives, the function and team objectives aligned to them,
/// and the ones aligned to nothing, each with its progress. Branches open with htmx; ?expand=all
/// (and printing) shows the whole tree.
/// </summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db, OrganisationTime time) : PageModel
{
    public Period? Period { get; private set; }
    public List<Period> Periods { get; private set; } = [];
    public List<TreeNode> Roots { get; private set; } = [];
    public TreeRoots Tree { get; private set; } = new(0, [], 0, 0);
    public bool ExpandAll { get; private set; }
    public int ObjectiveCount { get; private set; }

    /// <summary>Roots shown at a time: a period can have thousands of objectives aligned to nothing (drafts of teams still to start).</summary>
    public const int RootsShown = 100;

    public async Task<IActionResult> OnGetAsync(int? periodId, string? expand, int skip, CancellationToken cancellationToken)
    {
        skip = Math.Max(0, skip);
        ExpandAll = expand == "all";
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.StartDate).ToListAsync(cancellationToken);
        var id = periodId ?? await OkrQueries.CurrentPeriodIdAsync(db, time.Today, cancellationToken);
        Period = Periods.SingleOrDefault(p => p.Id == id);
        if (periodId is not null && Period is null)
        {
            return NotFound();
        }
        if (Period is not null)
        {
            if (ExpandAll)
            {
                Roots = await TreeNode.BuildAsync(db, Period.Id, cancellationToken);
                ObjectiveCount = Roots.Sum(r => r.Count);
                Tree = new TreeRoots(Period.Id, Roots, 0, 0);
            }
            else
            {
                var (roots, rootCount, objectiveCount) = await TreeNode.RootsAsync(db, Period.Id, skip, RootsShown, cancellationToken);
                (Roots, ObjectiveCount) = (roots, objectiveCount);
                Tree = new TreeRoots(Period.Id, roots, skip + RootsShown, Math.Max(0, rootCount - skip - roots.Count));
            }
        }
        return Page();
    }

    /// <summary>The next roots after <paramref name="skip"/>, for htmx ("Show more").</summary>
    public async Task<IActionResult> OnGetRootsAsync(int periodId, int skip, CancellationToken cancellationToken)
    {
        if (!await db.Periods.AnyAsync(p => p.Id == periodId, cancellationToken))
        {
            return NotFound();
        }
        skip = Math.Max(0, skip);
        var (roots, rootCount, _) = await TreeNode.RootsAsync(db, periodId, skip, RootsShown, cancellationToken);
        return Partial("_TreeRoots", new TreeRoots(periodId, roots, skip + RootsShown, Math.Max(0, rootCount - skip - roots.Count)));
    }

    /// <summary>Roots to show, where the next ones start, and how many are left for "Show more".</summary>
    public sealed record TreeRoots(int PeriodId, List<TreeNode> Shown, int Next, int Remaining);

    /// <summary>One branch, for htmx: the children of an objective.</summary>
    public async Task<IActionResult> OnGetChildrenAsync(int objectiveId, CancellationToken cancellationToken)
    {
        var periodId = await db.Objectives.Where(o => o.Id == objectiveId).Select(o => (int?)o.PeriodId).SingleOrDefaultAsync(cancellationToken);
        if (periodId is null)
        {
            return NotFound();
        }
        return Partial("_TreeChildren", await TreeNode.ChildrenAsync(db, periodId.Value, objectiveId, cancellationToken));
    }
}

public sealed class TreeNode(int id, string title, string unitName, int unitDepth, ObjectiveStatus status, double progress)
{
    public int Id { get; } = id;
    public string Title { get; } = title;
    public string UnitName { get; } = unitName;
    public int UnitDepth { get; } = unitDepth;
    public ObjectiveStatus Status { get; } = status;
    public double Progress { get; } = progress;
    public List<TreeNode> Children { get; } = [];
    public int Count => 1 + Children.Sum(c => c.Count);

    public static async Task<List<TreeNode>> BuildAsync(AppDbContext db, int periodId, CancellationToken cancellationToken) =>
        await AssembleAsync(db.Objectives.Where(o => o.PeriodId == periodId), _ => OkrQueries.KeyResultsOfPeriodAsync(db, periodId, cancellationToken), cancellationToken);

    /// <summary>
    /// One page of the period's roots (objectives aligned to nothing in the period), in tree order, each
    /// with its children for the "+ N"; with the number of roots and of objectives in the period.
    /// </summary>
    public static async Task<(List<TreeNode> Roots, int RootCount, int ObjectiveCount)> RootsAsync(AppDbContext db, int periodId, int skip, int take, CancellationToken cancellationToken)
    {
        var roots = db.Objectives.Where(o => o.PeriodId == periodId && (o.ParentId == null || o.Parent!.PeriodId != periodId));
        var rootCount = await roots.CountAsync(cancellationToken);
        var objectiveCount = await db.Objectives.CountAsync(o => o.PeriodId == periodId, cancellationToken);
        var page = await roots.OrderBy(o => o.Unit.Depth).ThenBy(o => o.Unit.NamePath).ThenBy(o => o.Id)
            .Skip(skip).Take(take).Select(o => o.Id).ToListAsync(cancellationToken);
        var branch = db.Objectives.Where(o => o.PeriodId == periodId && (page.Contains(o.Id) || (o.ParentId != null && page.Contains(o.ParentId.Value))));
        var nodes = (await AssembleBranchAsync(db, branch, cancellationToken)).ToDictionary(n => n.Id);
        return (page.Select(id => nodes[id]).ToList(), rootCount, objectiveCount);
    }

    /// <summary>One objective's children, each with its own children (for their "+ N"): the branch only, not the period's whole tree.</summary>
    public static async Task<List<TreeNode>> ChildrenAsync(AppDbContext db, int periodId, int objectiveId, CancellationToken cancellationToken)
    {
        var branch = db.Objectives.Where(o => o.PeriodId == periodId && (o.Id == objectiveId || o.ParentId == objectiveId || o.Parent!.ParentId == objectiveId));
        return (await AssembleBranchAsync(db, branch, cancellationToken)).SingleOrDefault(r => r.Id == objectiveId)?.Children ?? [];
    }

    /// <summary>A few objectives with the key results of just those objectives.</summary>
    private static Task<List<TreeNode>> AssembleBranchAsync(AppDbContext db, IQueryable<Objective> branch, CancellationToken cancellationToken) =>
        AssembleAsync(branch, ids => OkrQueries.KeyResultsOfObjectivesAsync(db, ids, cancellationToken), cancellationToken);

    /// <summary>Links the objectives to their parents among them; those whose parent is not among them are roots, by unit depth and path.</summary>
    /// <param name="keyResultsOf">The key results of the objectives read (given their ids).</param>
    private static async Task<List<TreeNode>> AssembleAsync(IQueryable<Objective> source, Func<IReadOnlyCollection<int>, Task<ILookup<int, KeyResultFigures>>> keyResultsOf, CancellationToken cancellationToken)
    {
        var objectives = await source.AsNoTracking()
            .Select(o => new { o.Id, o.Title, o.ParentId, o.Status, Unit = o.Unit.Name, o.Unit.NamePath, Depth = o.Unit.Depth })
            .ToListAsync(cancellationToken);
        var keyResults = await keyResultsOf(objectives.Select(o => o.Id).ToList());
        var nodes = objectives.ToDictionary(o => o.Id, o => new TreeNode(o.Id, o.Title, o.Unit, o.Depth, o.Status, OkrQueries.ObjectiveProgress(keyResults[o.Id])));
        var roots = new List<TreeNode>();
        foreach (var objective in objectives.OrderBy(o => o.Depth).ThenBy(o => o.NamePath, StringComparer.Ordinal).ThenBy(o => o.Id))
        {
            if (objective.ParentId is { } parentId && nodes.TryGetValue(parentId, out var parent))
            {
                parent.Children.Add(nodes[objective.Id]);
            }
            else
            {
                roots.Add(nodes[objective.Id]);
            }
        }
        return roots;
    }
}

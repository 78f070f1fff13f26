using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Units;

/// <summary>The organisation tree with head counts that include sub-units.</summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db) : PageModel
{
    public List<UnitNode> Roots { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new { u.Id, u.Name, u.ParentId })
            .ToListAsync(cancellationToken);
        var counts = await db.People.Where(p => p.IsActive)
            .GroupBy(p => p.UnitId)
            .Select(g => new { UnitId = g.Key, People = g.Count(), Leads = g.Count(p => p.IsLead) })
            .ToDictionaryAsync(c => c.UnitId, cancellationToken);

        var nodes = units.ToDictionary(u => u.Id, u => new UnitNode(u.Id, u.Name));
        foreach (var unit in units)
        {
            var node = nodes[unit.Id];
            if (counts.TryGetValue(unit.Id, out var count))
            {
                node.OwnPeople = count.People;
                node.OwnLeads = count.Leads;
            }
            if (unit.ParentId is { } parentId && nodes.TryGetValue(parentId, out var parent))
            {
                parent.Children.Add(node);
            }
            else
            {
                Roots.Add(node);
            }
        }
        foreach (var root in Roots)
        {
            root.Sort();
        }
        Roots.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.CurrentCulture));
    }

    public sealed class UnitNode(int id, string name)
    {
        public int Id { get; } = id;
        public string Name { get; } = name;
        public int OwnPeople { get; set; }
        public int OwnLeads { get; set; }
        public List<UnitNode> Children { get; } = [];
        public int TotalPeople => OwnPeople + Children.Sum(c => c.TotalPeople);

        public void Sort()
        {
            Children.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.CurrentCulture));
            foreach (var child in Children)
            {
                child.Sort();
            }
        }
    }
}

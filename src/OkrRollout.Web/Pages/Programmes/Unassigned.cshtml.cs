using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Programmes;

/// <summary>Active people not in any wave of the programme, counted per unit and listed.</summary>
[Authorize(Policy = Policies.Member)]
public class UnassignedModel(AppDbContext db) : PageModel
{
    public const int Shown = 200;

    public Programme Programme { get; private set; } = null!;
    public List<(string Unit, int Count)> ByUnit { get; private set; } = [];
    public List<(int Id, string Name, string Unit, bool IsLead)> People { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }
        Programme = programme;
        var unassigned = db.People.AsNoTracking().Where(p => p.IsActive && !db.WaveMembers.Any(m => m.ProgrammeId == id && m.PersonId == p.Id));
        Total = await unassigned.CountAsync(cancellationToken);
        ByUnit = (await unassigned.GroupBy(p => p.Unit.NamePath).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count)).ToList();
        People = (await unassigned.OrderBy(p => p.Unit.NamePath).ThenBy(p => p.Name).Take(Shown)
            .Select(p => new { p.Id, p.Name, p.Unit.NamePath, p.IsLead }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Name, p.NamePath, p.IsLead)).ToList();
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Programmes;

[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db) : PageModel
{
    public List<Row> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Programmes = await db.Programmes.AsNoTracking().OrderByDescending(p => p.StartDate)
            .Select(p => new Row(p.Id, p.Name, p.Approach, p.StartDate, p.TargetDate, p.Waves.Count, p.Sponsor == null ? null : p.Sponsor.Name))
            .ToListAsync(cancellationToken);

    public sealed record Row(int Id, string Name, RolloutApproach Approach, DateOnly Start, DateOnly Target, int Waves, string? Sponsor);
}

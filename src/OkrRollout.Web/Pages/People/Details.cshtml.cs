using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.People;

[Authorize(Policy = Policies.Member)]
public class DetailsModel(AppDbContext db) : PageModel
{
    public Person Person { get; private set; } = null!;
    public List<Person> DirectReports { get; private set; } = [];
    public List<WaveMember> Waves { get; private set; } = [];
    public List<ProgrammeRole> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Unit).Include(p => p.Manager)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }
        Person = person;
        DirectReports = await db.People.AsNoTracking().Where(p => p.ManagerId == id && p.IsActive).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        Waves = await db.WaveMembers.AsNoTracking().Include(m => m.Wave).ThenInclude(w => w.Programme).Include(m => m.RolloutGroup)
            .Where(m => m.PersonId == id).OrderBy(m => m.Wave.PlannedStart).ToListAsync(cancellationToken);
        Roles = await db.ProgrammeRoles.AsNoTracking().Include(r => r.Programme)
            .Where(r => r.PersonId == id).OrderBy(r => r.Programme.Name).ThenBy(r => r.Role).ToListAsync(cancellationToken);
        return Page();
    }
}

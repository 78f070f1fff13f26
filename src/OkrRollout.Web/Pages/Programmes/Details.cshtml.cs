using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Programmes;

/// <summary>The plan at a glance: why, sponsor, rollout team and the waves in order.</summary>
[Authorize(Policy = Policies.Member)]
public class DetailsModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, OrganisationTime time) : PageModel
{
    public Programme Programme { get; private set; } = null!;
    public List<WaveRow> Waves { get; private set; } = [];
    public List<ProgrammeRole> Team { get; private set; } = [];
    public int Unassigned { get; private set; }
    public int OpenRequests { get; private set; }
    public DateOnly Today { get; private set; }

    [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
    [BindProperty]
    public string? RoleEmail { get; set; }

    [BindProperty]
    public ProgrammeRoleKind RoleKind { get; set; } = ProgrammeRoleKind.Coach;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAddRoleAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var person = await DirectoryLookup.FindAsync(db, RoleEmail, cancellationToken);
        if (person.PersonId is not { } personId)
        {
            ModelState.AddModelError(nameof(RoleEmail), localizer[person.Problem!]);
            return Page();
        }
        if (Team.Any(r => r.PersonId == personId && r.Role == RoleKind))
        {
            ModelState.AddModelError(nameof(RoleEmail), localizer["This person already has this role."]);
            return Page();
        }
        db.ProgrammeRoles.Add(new ProgrammeRole { ProgrammeId = id, PersonId = personId, Role = RoleKind });
        db.Audit(User, "programme.role-added", nameof(Programme), id, $"{RoleEmail}: {RoleKind}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Role added.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostRemoveRoleAsync(int id, int roleId, CancellationToken cancellationToken)
    {
        var role = await db.ProgrammeRoles.SingleOrDefaultAsync(r => r.Id == roleId && r.ProgrammeId == id, cancellationToken);
        if (role is null)
        {
            return NotFound();
        }
        await RolloutTeam.RemoveAsync(db, role, cancellationToken);
        db.Audit(User, "programme.role-removed", nameof(Programme), id, $"person {role.PersonId}: {role.Role}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Role removed.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Sponsor).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return false;
        }
        Programme = programme;
        Today = time.Today;
        Waves = await db.Waves.AsNoTracking().Where(w => w.ProgrammeId == id).OrderBy(w => w.Order)
            .Select(w => new WaveRow(w, w.Members.Count, w.Groups.Count)).ToListAsync(cancellationToken);
        Team = await db.ProgrammeRoles.AsNoTracking().Include(r => r.Person)
            .Where(r => r.ProgrammeId == id && r.Role != ProgrammeRoleKind.GuildMember)
            .OrderBy(r => r.Role).ThenBy(r => r.Person.Name).ToListAsync(cancellationToken);
        Unassigned = await db.People.CountAsync(p => p.IsActive && !db.WaveMembers.Any(m => m.ProgrammeId == id && m.PersonId == p.Id), cancellationToken);
        OpenRequests = await db.TrainingRequests.CountAsync(r => r.ProgrammeId == id && r.Status == TrainingRequestStatus.Open, cancellationToken);
        return true;
    }

    public sealed record WaveRow(Wave Wave, int Members, int Groups);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Guild;

/// <summary>The OKR guild: anyone signed in can join or leave it themselves (the 5+5 article).</summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db) : PageModel
{
    public Programme? Programme { get; private set; }
    public List<(int PersonId, string Name, string Unit, string HelpsWith)> Members { get; private set; } = [];
    public int? MyPersonId { get; private set; }
    public bool IsMember => Members.Any(m => m.PersonId == MyPersonId);

    [BindProperty]
    [StringLength(500, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? HelpsWith { get; set; }

    public async Task<IActionResult> OnGetAsync(int? programmeId, CancellationToken cancellationToken) =>
        await LoadAsync(programmeId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostJoinAsync(int? programmeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(programmeId, cancellationToken) || MyPersonId is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var role = await db.ProgrammeRoles.SingleOrDefaultAsync(r => r.ProgrammeId == Programme!.Id && r.PersonId == MyPersonId && r.Role == ProgrammeRoleKind.GuildMember, cancellationToken);
        if (role is null)
        {
            db.ProgrammeRoles.Add(new ProgrammeRole { ProgrammeId = Programme!.Id, PersonId = MyPersonId.Value, Role = ProgrammeRoleKind.GuildMember, HelpsWith = HelpsWith?.Trim() ?? "" });
        }
        else
        {
            role.HelpsWith = HelpsWith?.Trim() ?? "";
        }
        db.Audit(User, "guild.joined", nameof(Programme), Programme!.Id, HelpsWith ?? "");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Welcome to the OKR guild.";
        return RedirectToPage(new { programmeId = Programme.Id });
    }

    public async Task<IActionResult> OnPostLeaveAsync(int? programmeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(programmeId, cancellationToken) || MyPersonId is null)
        {
            return NotFound();
        }
        await db.ProgrammeRoles.Where(r => r.ProgrammeId == Programme!.Id && r.PersonId == MyPersonId && r.Role == ProgrammeRoleKind.GuildMember).ExecuteDeleteAsync(cancellationToken);
        db.Audit(User, "guild.left", nameof(Programme), Programme!.Id, affectedPersonId: MyPersonId);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "You left the OKR guild.";
        return RedirectToPage(new { programmeId = Programme.Id });
    }

    private async Task<bool> LoadAsync(int? programmeId, CancellationToken cancellationToken)
    {
        (var found, Programme) = await ProgrammeQueries.FindOrCurrentAsync(db, programmeId, cancellationToken);
        if (!found)
        {
            return false;
        }
        MyPersonId = await ProgrammeQueries.PersonIdAsync(db, User.Identity?.Name, cancellationToken);
        if (Programme is not null)
        {
            Members = (await db.ProgrammeRoles.AsNoTracking().Where(r => r.ProgrammeId == Programme.Id && r.Role == ProgrammeRoleKind.GuildMember)
                .Select(r => new { r.PersonId, r.Person.Name, Unit = r.Person.Unit.NamePath, r.HelpsWith }).ToListAsync(cancellationToken))
                .OrderBy(m => m.Name).Select(m => (m.PersonId, m.Name, m.Unit, m.HelpsWith)).ToList();
        }
        HelpsWith ??= Members.FirstOrDefault(m => m.PersonId == MyPersonId).HelpsWith;
        return true;
    }
}

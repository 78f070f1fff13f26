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

/// <summary>Creates a programme (no id) or edits one.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class EditModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, OrganisationTime time) : PageModel
{
    [BindProperty]
    public ProgrammeInput Input { get; set; } = new();

    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            var today = time.Today;
            Input = new ProgrammeInput { StartDate = today, TargetDate = today.AddMonths(8) };
            return Page();
        }
        var programme = await db.Programmes.Include(p => p.Sponsor).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }
        Input = new ProgrammeInput
        {
            Name = programme.Name,
            Why = programme.Why,
            WhyFi = programme.WhyFi,
            Approach = programme.Approach,
            SponsorEmail = programme.Sponsor?.Email,
            StartDate = programme.StartDate,
            TargetDate = programme.TargetDate,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var programme = id is null ? new Programme { Name = "" } : await db.Programmes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }
        if (Input.StartDate is { } start && Input.TargetDate is { } target && target <= start)
        {
            ModelState.AddModelError("Input.TargetDate", localizer["The target date must be after the start date."]);
        }
        var sponsor = await DirectoryLookup.FindIfNamedAsync(db, Input.SponsorEmail, cancellationToken, keeping: programme.SponsorId);
        if (sponsor.Problem is { } unknownSponsor)
        {
            ModelState.AddModelError("Input.SponsorEmail", localizer[unknownSponsor]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        programme.Name = Input.Name.Trim();
        programme.Why = Input.Why?.Trim() ?? "";
        programme.WhyFi = Input.WhyFi?.Trim() ?? "";
        programme.Approach = Input.Approach;
        await RolloutTeam.SetSponsorAsync(db, programme, sponsor.PersonId, cancellationToken);
        programme.StartDate = Input.StartDate!.Value;
        programme.TargetDate = Input.TargetDate!.Value;
        if (id is null)
        {
            db.Programmes.Add(programme);
        }
        await db.SaveWithAuditAsync(User, id is null ? "programme.created" : "programme.updated", nameof(Programme), () => programme.Id, programme.Name, cancellationToken);
        TempData["Status"] = "Programme saved.";
        return RedirectToPage("/Programmes/Details", new { id = programme.Id });
    }

    public class ProgrammeInput
    {
        [Required(ErrorMessage = "Give the programme a name.")]
        [StringLength(200, ErrorMessage = "The name can be at most {1} characters long.")]
        public string Name { get; set; } = "";

        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Why { get; set; }

        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? WhyFi { get; set; }

        public RolloutApproach Approach { get; set; } = RolloutApproach.PilotThenWaves;

        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        public string? SponsorEmail { get; set; }

        [Required(ErrorMessage = "Enter a date.")]
        [WithinSaneDates]
        public DateOnly? StartDate { get; set; }

        [Required(ErrorMessage = "Enter a date.")]
        [WithinSaneDates]
        public DateOnly? TargetDate { get; set; }
    }
}

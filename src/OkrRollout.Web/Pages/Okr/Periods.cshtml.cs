using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Okr;

/// <summary>Annual cycles and their execution periods; ambassadors add them.</summary>
[Authorize(Policy = Policies.Member)]
public class PeriodsModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, OrganisationTime time) : PageModel
{
    public List<Cycle> Cycles { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty]
    public PeriodInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAddCycleAsync(CancellationToken cancellationToken)
    {
        Validate();
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var cycle = new Cycle { Name = Input.Name.Trim(), StartDate = Input.StartDate!.Value, EndDate = Input.EndDate!.Value };
        db.Cycles.Add(cycle);
        db.Audit(User, "okr.cycle-added", nameof(Cycle), null, cycle.Name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Saved.";
        return RedirectToPage();
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAddPeriodAsync(CancellationToken cancellationToken)
    {
        Validate();
        if (Input.CycleId is not { } cycleId || !await db.Cycles.AnyAsync(c => c.Id == cycleId, cancellationToken))
        {
            ModelState.AddModelError("Input.CycleId", localizer["Choose a cycle."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var period = new Period { CycleId = Input.CycleId!.Value, Name = Input.Name.Trim(), StartDate = Input.StartDate!.Value, EndDate = Input.EndDate!.Value };
        db.Periods.Add(period);
        db.Audit(User, "okr.period-added", nameof(Period), null, period.Name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Saved.";
        return RedirectToPage();
    }

    private void Validate()
    {
        if (Input.StartDate is { } start && Input.EndDate is { } end && end < start)
        {
            ModelState.AddModelError("Input.EndDate", localizer["The end cannot be before the start."]);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = time.Today;
        Cycles = await db.Cycles.AsNoTracking().Include(c => c.Periods).OrderByDescending(c => c.StartDate).ToListAsync(cancellationToken);
    }

    public class PeriodInput
    {
        public int? CycleId { get; set; }

        [Required(ErrorMessage = "Give it a name.")]
        [StringLength(100, ErrorMessage = "The name can be at most {1} characters long.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a date.")]
        [WithinSaneDates]
        public DateOnly? StartDate { get; set; }

        [Required(ErrorMessage = "Enter a date.")]
        [WithinSaneDates]
        public DateOnly? EndDate { get; set; }
    }
}

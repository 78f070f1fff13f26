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

namespace OkrRollout.Web.Pages.Waves;

/// <summary>
/// Creates a wave (with ?programmeId) or edits one. Two ambassadors editing the same wave: the
/// second save is refused and told, through the wave's version number.
/// </summary>
[Authorize(Policy = Policies.Ambassador)]
public class EditModel(AppDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public WaveInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public Programme Programme { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, int? programmeId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            if (await db.Programmes.FindAsync([programmeId ?? 0], cancellationToken) is not { } programme)
            {
                return NotFound();
            }
            Programme = programme;
            var last = await db.Waves.Where(w => w.ProgrammeId == programme.Id).OrderByDescending(w => w.Order).FirstOrDefaultAsync(cancellationToken);
            // Clamped first: the last wave may have been stored ending on 9999-12-31, the day nothing follows.
            var start = SaneDates.Clamp(last is null ? programme.StartDate : SaneDates.Clamp(last.PlannedEnd).AddDays(1));
            Input = new WaveInput { ProgrammeId = programme.Id, Order = (last?.Order ?? 0) + 1, PlannedStart = start, PlannedEnd = SaneDates.Clamp(start.AddMonths(1)) };
            return Page();
        }
        var wave = await db.Waves.Include(w => w.Programme).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wave is null)
        {
            return NotFound();
        }
        Programme = wave.Programme;
        Input = WaveInput.From(wave);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var wave = id is null ? null : await db.Waves.Include(w => w.Programme).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        var programme = wave?.Programme ?? await db.Programmes.FindAsync([Input.ProgrammeId], cancellationToken);
        if (programme is null || (id is not null && wave is null))
        {
            return NotFound();
        }
        Programme = programme;
        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        wave ??= db.Waves.Add(new Wave { ProgrammeId = programme.Id, Name = "" }).Entity;
        db.ExpectVersion(wave, Input.Version);
        Input.ApplyTo(wave);
        if (!await db.SaveWithAuditAsync(User, id is null ? "wave.created" : "wave.updated", nameof(Wave), () => wave.Id, wave.Name, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, localizer["Somebody else changed this while you were editing it. Nothing was saved: reload the page to see their changes, then make yours again."]);
            return Page();
        }
        TempData["Status"] = "Wave saved.";
        return RedirectToPage("/Waves/Details", new { id = wave.Id });
    }

    private void Validate()
    {
        if (Input.PlannedStart is { } start && Input.PlannedEnd is { } end && end < start)
        {
            ModelState.AddModelError("Input.PlannedEnd", localizer["The end cannot be before the start."]);
        }
        if (Input.ActualStart is { } actualStart && Input.ActualEnd is { } actualEnd && actualEnd < actualStart)
        {
            ModelState.AddModelError("Input.ActualEnd", localizer["The end cannot be before the start."]);
        }
        if (Input.ActualEnd is not null && Input.ActualStart is null)
        {
            ModelState.AddModelError("Input.ActualStart", localizer["A wave that ended must have started: enter the actual start."]);
        }
        if (Input.MilestoneTargetDate is { } due && Input.PlannedStart is { } plannedStart && due < plannedStart)
        {
            ModelState.AddModelError("Input.MilestoneTargetDate", localizer["The milestone cannot be due before the wave starts."]);
        }
    }

    public class WaveInput
    {
        public int ProgrammeId { get; set; }
        public int Version { get; set; }

        [Range(1, 1000, ErrorMessage = "Enter a number from {1} to {2}.")]
        public int Order { get; set; } = 1;

        [Required(ErrorMessage = "Give the wave a name.")]
        [StringLength(200, ErrorMessage = "The name can be at most {1} characters long.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Choose the kind of wave.")]
        public WaveKind? Kind { get; set; }

        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Description { get; set; }

        [Required(ErrorMessage = "Enter a date.")]
        [WithinSaneDates]
        public DateOnly? PlannedStart { get; set; }

        [Required(ErrorMessage = "Enter a date.")]
        [WithinSaneDates]
        public DateOnly? PlannedEnd { get; set; }

        [WithinSaneDates]
        public DateOnly? ActualStart { get; set; }

        [WithinSaneDates]
        public DateOnly? ActualEnd { get; set; }

        [StringLength(1000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? ExitMilestone { get; set; }

        [WithinSaneDates]
        public DateOnly? MilestoneTargetDate { get; set; }

        public MilestoneCriterion MilestoneCriterion { get; set; }

        [Range(1, 100, ErrorMessage = "Enter a whole number from {1} to {2}.")]
        public int MilestoneThreshold { get; set; } = 80;

        public static WaveInput From(Wave wave) => new()
        {
            ProgrammeId = wave.ProgrammeId,
            Version = wave.Version,
            Order = wave.Order,
            Name = wave.Name,
            Kind = wave.Kind,
            Description = wave.Description,
            PlannedStart = wave.PlannedStart,
            PlannedEnd = wave.PlannedEnd,
            ActualStart = wave.ActualStart,
            ActualEnd = wave.ActualEnd,
            ExitMilestone = wave.ExitMilestone,
            MilestoneTargetDate = wave.MilestoneTargetDate,
            MilestoneCriterion = wave.MilestoneCriterion,
            MilestoneThreshold = wave.MilestoneThreshold,
        };

        public void ApplyTo(Wave wave)
        {
            wave.Order = Order;
            wave.Name = Name.Trim();
            wave.Kind = Kind!.Value;
            wave.Description = Description?.Trim() ?? "";
            wave.PlannedStart = PlannedStart!.Value;
            wave.PlannedEnd = PlannedEnd!.Value;
            wave.ActualStart = ActualStart;
            wave.ActualEnd = ActualEnd;
            wave.ExitMilestone = ExitMilestone?.Trim() ?? "";
            wave.MilestoneTargetDate = MilestoneTargetDate;
            wave.MilestoneCriterion = MilestoneCriterion;
            wave.MilestoneThreshold = MilestoneThreshold;
        }
    }
}

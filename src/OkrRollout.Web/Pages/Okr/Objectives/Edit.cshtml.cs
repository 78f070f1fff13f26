using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Okr.Objectives;

/// <summary>Drafts a new objective (?unitId&amp;periodId) or edits one; leads of the unit, its owner and ambassadors may.</summary>
[Authorize(Policy = Policies.Member)]
public class EditModel(AppDbContext db, OkrAccess access, IStringLocalizer<SharedResource> localizer, OrganisationTime time, UnitPicker unitPicker) : PageModel
{
    [BindProperty]
    public ObjectiveInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public UnitChoices Units { get; private set; } = new([], true);
    public List<Period> Periods { get; private set; } = [];
    public List<(int Id, string Title, string Unit, ObjectiveStatus Status)> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? unitId, int? periodId, int? parentId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is { } objectiveId)
        {
            var objective = await db.Objectives.AsNoTracking().Include(o => o.Owner).SingleOrDefaultAsync(o => o.Id == objectiveId, cancellationToken);
            if (objective is null)
            {
                return NotFound();
            }
            if (!await access.CanEditObjectiveAsync(User, objective, cancellationToken))
            {
                return Forbid();
            }
            Input = ObjectiveInput.From(objective);
        }
        else
        {
            var me = await access.MeAsync(User, cancellationToken);
            Input = new ObjectiveInput { UnitId = unitId ?? me?.UnitId, PeriodId = periodId, ParentId = parentId, OwnerEmail = me?.Email };
            Input.PeriodId ??= await OkrQueries.CurrentPeriodIdAsync(db, time.Today, cancellationToken);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var objective = id is null ? null : await db.Objectives.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (id is not null && objective is null)
        {
            return NotFound();
        }
        if (objective is not null && !await access.CanEditObjectiveAsync(User, objective, cancellationToken))
        {
            return Forbid();
        }
        if (Input.UnitId is { } chosen && !await db.OrgUnits.AnyAsync(u => u.Id == chosen, cancellationToken))
        {
            ModelState.AddModelError("Input.UnitId", localizer["Choose a unit."]);
        }
        else if (Input.UnitId is { } unitId && !await access.CanEditUnitAsync(User, unitId, cancellationToken) && objective?.UnitId != unitId)
        {
            ModelState.AddModelError("Input.UnitId", localizer["You can draft objectives only for your own unit and the units below it."]);
        }
        if (Input.PeriodId is not { } periodId || !await db.Periods.AnyAsync(p => p.Id == periodId, cancellationToken))
        {
            ModelState.AddModelError("Input.PeriodId", localizer["Choose a period."]);
        }
        var owner = await DirectoryLookup.FindIfNamedAsync(db, Input.OwnerEmail, cancellationToken, keeping: objective?.OwnerId);
        if (owner.Problem is { } unknownOwner)
        {
            ModelState.AddModelError("Input.OwnerEmail", localizer[unknownOwner]);
        }
        if (ModelState.IsValid && Input.ParentId is { } parentId)
        {
            await ValidateAlignmentAsync(id ?? 0, parentId, cancellationToken);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        objective ??= db.Objectives.Add(new Objective { Title = "" }).Entity;
        db.ExpectVersion(objective, Input.Version);
        objective.Title = Input.Title.Trim();
        objective.Why = Input.Why?.Trim() ?? "";
        objective.UnitId = Input.UnitId!.Value;
        objective.PeriodId = Input.PeriodId!.Value;
        objective.OwnerId = owner.PersonId;
        objective.ParentId = Input.ParentId;
        if (!await db.SaveWithAuditAsync(User, id is null ? "okr.objective-created" : "okr.objective-updated", nameof(Objective), () => objective.Id, objective.Title, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, localizer["Somebody else changed this while you were editing it. Nothing was saved: reload the page to see their changes, then make yours again."]);
            await LoadAsync(cancellationToken);
            return Page();
        }
        TempData["Status"] = "Saved.";
        return RedirectToPage("/Okr/Objectives/Details", new { id = objective.Id });
    }

    private async Task ValidateAlignmentAsync(int objectiveId, int parentId, CancellationToken cancellationToken)
    {
        var parent = await db.Objectives.AsNoTracking().Where(o => o.Id == parentId).Select(o => new { o.PeriodId, o.UnitId }).SingleOrDefaultAsync(cancellationToken);
        if (parent is null)
        {
            ModelState.AddModelError("Input.ParentId", localizer["Choose an objective to align to."]);
            return;
        }
        var parents = await db.Objectives.AsNoTracking().Where(o => o.PeriodId == parent.PeriodId).ToDictionaryAsync(o => o.Id, o => o.ParentId, cancellationToken);
        var problem = AlignmentRules.Check(objectiveId, Input.PeriodId!.Value, await OkrQueries.UnitDepthAsync(db, Input.UnitId!.Value, cancellationToken),
            parentId, parent.PeriodId, await OkrQueries.UnitDepthAsync(db, parent.UnitId, cancellationToken), id => parents.GetValueOrDefault(id));
        var message = problem switch
        {
            AlignmentProblem.OtherPeriod => localizer["Align to an objective of the same period."].Value,
            AlignmentProblem.NotHigherLevel => localizer["Align to an objective of a higher level: a team to its function or the company, a function to the company."].Value,
            AlignmentProblem.Cycle => localizer["That would make the objectives align to each other in a circle."].Value,
            _ => null,
        };
        if (message is not null)
        {
            ModelState.AddModelError("Input.ParentId", message);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Units = await unitPicker.ChoicesAsync(Input.UnitId, cancellationToken);
        Periods = await db.Periods.AsNoTracking().OrderByDescending(p => p.StartDate).ToListAsync(cancellationToken);
        if (Input.PeriodId is { } periodId)
        {
            Parents = (await db.Objectives.AsNoTracking().Where(o => o.PeriodId == periodId && o.Id != (Id ?? 0) && o.Status != ObjectiveStatus.Closed)
                .Select(o => new { o.Id, o.Title, o.Unit.NamePath, o.Status }).ToListAsync(cancellationToken))
                .OrderBy(o => o.NamePath.Count(c => c == '/')).ThenBy(o => o.NamePath).Select(o => (o.Id, o.Title, o.NamePath, o.Status)).ToList();
        }
    }

    public class ObjectiveInput
    {
        public int Version { get; set; }

        [Required(ErrorMessage = "Give the objective a title.")]
        [StringLength(300, ErrorMessage = "The text can be at most {1} characters long.")]
        public string Title { get; set; } = "";

        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Why { get; set; }

        [Required(ErrorMessage = "Choose a unit.")]
        public int? UnitId { get; set; }

        public int? PeriodId { get; set; }
        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        public string? OwnerEmail { get; set; }
        public int? ParentId { get; set; }

        public static ObjectiveInput From(Objective objective) => new()
        {
            Version = objective.Version,
            Title = objective.Title,
            Why = objective.Why,
            UnitId = objective.UnitId,
            PeriodId = objective.PeriodId,
            OwnerEmail = objective.Owner?.Email,
            ParentId = objective.ParentId,
        };
    }
}

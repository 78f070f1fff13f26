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
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Okr.KeyResults;

/// <summary>Adds a key result to an objective (?objectiveId) or edits one; concurrent edits are detected.</summary>
[Authorize(Policy = Policies.Member)]
public class EditModel(AppDbContext db, OkrAccess access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public KeyResultInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public Objective Objective { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, int? objectiveId, CancellationToken cancellationToken)
    {
        Id = id;
        var keyResult = id is null ? null : await db.KeyResults.AsNoTracking().Include(k => k.Owner).Include(k => k.Contributors).ThenInclude(c => c.Person).SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        var objective = await db.Objectives.AsNoTracking().SingleOrDefaultAsync(o => o.Id == (keyResult == null ? objectiveId : keyResult.ObjectiveId), cancellationToken);
        if (objective is null || (id is not null && keyResult is null))
        {
            return NotFound();
        }
        if (!await access.CanEditObjectiveAsync(User, objective, cancellationToken))
        {
            return Forbid();
        }
        Objective = objective;
        Input = keyResult is null ? new KeyResultInput { ObjectiveId = objective.Id, OwnerEmail = (await access.MeAsync(User, cancellationToken))?.Email } : KeyResultInput.From(keyResult);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var keyResult = id is null ? null : await db.KeyResults.Include(k => k.Contributors).SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        var objective = await db.Objectives.AsNoTracking().SingleOrDefaultAsync(o => o.Id == (keyResult == null ? Input.ObjectiveId : keyResult.ObjectiveId), cancellationToken);
        if (objective is null || (id is not null && keyResult is null))
        {
            return NotFound();
        }
        if (!await access.CanEditObjectiveAsync(User, objective, cancellationToken))
        {
            return Forbid();
        }
        Objective = objective;
        if (Input.Metric == KeyResultMetric.Milestone)
        {
            (Input.StartValue, Input.TargetValue) = (0, 1);
            Input.CurrentValue = Input.CurrentValue >= 1 ? 1 : 0;
        }
        else if (Input.TargetValue is { } target && target.Equals(Input.StartValue))
        {
            ModelState.AddModelError("Input.TargetValue", localizer["The target must differ from the start: otherwise there is nothing to measure."]);
        }
        var owner = await DirectoryLookup.FindIfNamedAsync(db, Input.OwnerEmail, cancellationToken, keeping: keyResult?.OwnerId);
        if (owner.Problem is { } unknownOwner)
        {
            ModelState.AddModelError("Input.OwnerEmail", localizer[unknownOwner]);
        }
        var contributors = await DirectoryLookup.FindListAsync(db, Input.ContributorEmails, cancellationToken, keeping: keyResult?.Contributors.Select(c => c.PersonId));
        if (contributors.Unknown.Count > 0)
        {
            ModelState.AddModelError("Input.ContributorEmails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", contributors.Unknown)]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        keyResult ??= db.KeyResults.Add(new KeyResult { ObjectiveId = objective.Id, Title = "" }).Entity;
        db.ExpectVersion(keyResult, Input.Version);
        keyResult.Title = Input.Title.Trim();
        keyResult.Metric = Input.Metric;
        keyResult.StartValue = Input.StartValue;
        keyResult.TargetValue = Input.TargetValue;
        keyResult.CurrentValue = Input.CurrentValue;
        keyResult.UnitLabel = Input.UnitLabel?.Trim() ?? "";
        keyResult.OwnerId = owner.PersonId;
        keyResult.Contributors.RemoveAll(c => !contributors.Ids.Contains(c.PersonId));
        keyResult.Contributors.AddRange(contributors.Ids.Where(c => keyResult.Contributors.All(x => x.PersonId != c)).Select(c => new KeyResultContributor { PersonId = c }));
        if (!await db.SaveWithAuditAsync(User, id is null ? "okr.key-result-created" : "okr.key-result-updated", nameof(KeyResult), () => keyResult.Id, keyResult.Title, cancellationToken))
        {
            ModelState.AddModelError(string.Empty, localizer["Somebody else changed this while you were editing it. Nothing was saved: reload the page to see their changes, then make yours again."]);
            return Page();
        }
        TempData["Status"] = "Saved.";
        return RedirectToPage("/Okr/Objectives/Details", new { id = objective.Id });
    }

    public class KeyResultInput
    {
        public int ObjectiveId { get; set; }
        public int Version { get; set; }

        [Required(ErrorMessage = "Describe the key result.")]
        [StringLength(300, ErrorMessage = "The text can be at most {1} characters long.")]
        public string Title { get; set; } = "";

        public KeyResultMetric Metric { get; set; } = KeyResultMetric.Number;
        public double StartValue { get; set; }
        public double? TargetValue { get; set; }
        public double CurrentValue { get; set; }

        [StringLength(50, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? UnitLabel { get; set; }

        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        public string? OwnerEmail { get; set; }

        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? ContributorEmails { get; set; }

        public static KeyResultInput From(KeyResult keyResult) => new()
        {
            ObjectiveId = keyResult.ObjectiveId,
            Version = keyResult.Version,
            Title = keyResult.Title,
            Metric = keyResult.Metric,
            StartValue = keyResult.StartValue,
            TargetValue = keyResult.TargetValue,
            CurrentValue = keyResult.CurrentValue,
            UnitLabel = keyResult.UnitLabel,
            OwnerEmail = keyResult.Owner?.Email,
            ContributorEmails = string.Join(", ", keyResult.Contributors.Select(c => c.Person.Email)),
        };
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.TrainingRequests;

/// <summary>
/// Teams ask for a team-level session; ambassadors see every open request and decide. Everybody
/// else sees their own requests and their outcome.
/// </summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer, OrganisationTime time, UnitPicker unitPicker) : PageModel
{
    public Programme? Programme { get; private set; }
    public List<TrainingRequest> Requests { get; private set; } = [];
    public ILookup<int, (int Id, DateTime StartUtc)> Sessions { get; private set; } = Array.Empty<(int, (int, DateTime))>().ToLookup(x => x.Item1, x => x.Item2);
    public UnitChoices Units { get; private set; } = new([], true);
    public bool SeesAll { get; private set; }
    public int? MyPersonId { get; private set; }

    public string When(DateTime utc) => time.Format(utc);

    /// <summary>Bound by the Create handler only, so declining does not validate an empty request form.</summary>
    public RequestInput Input { get; set; } = new();

    [StringLength(TextLimits.Reason, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty]
    public string? DeclineReason { get; set; }

    public async Task<IActionResult> OnGetAsync(int? programmeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(programmeId, cancellationToken))
        {
            return NotFound();
        }
        if (MyPersonId is { } me && await db.People.FindAsync([me], cancellationToken) is { } person)
        {
            Input.UnitId = person.UnitId;
            Input.Language = person.PreferredLanguage;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(int? programmeId, [Bind(Prefix = "Input")] RequestInput input, CancellationToken cancellationToken)
    {
        Input = input;
        if (!await LoadAsync(programmeId, cancellationToken) || Programme is null || MyPersonId is null)
        {
            return NotFound();
        }
        if (Input.UnitId is { } unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            ModelState.AddModelError("Input.UnitId", localizer["Choose a unit."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var request = new TrainingRequest
        {
            ProgrammeId = Programme.Id,
            RequestedById = MyPersonId.Value,
            UnitId = Input.UnitId!.Value,
            Language = Input.Language,
            Kind = Input.Kind,
            Message = Input.Message?.Trim() ?? "",
            CreatedAtUtc = time.NowUtc,
        };
        db.TrainingRequests.Add(request);
        await db.SaveWithAuditAsync(User, "training-request.created", nameof(TrainingRequest), () => request.Id, request.Message, cancellationToken);
        TempData["Status"] = "Your request was sent to the OKR ambassadors.";
        return RedirectToPage(new { programmeId = Programme.Id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostDeclineAsync(int? programmeId, int requestId, CancellationToken cancellationToken)
    {
        var request = await db.TrainingRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || !await LoadAsync(request.ProgrammeId, cancellationToken))
        {
            return NotFound();
        }
        if (request.Status != TrainingRequestStatus.Open)
        {
            ModelState.AddModelError(string.Empty, localizer["This request has already been decided."]);
        }
        if (string.IsNullOrWhiteSpace(DeclineReason))
        {
            ModelState.AddModelError($"DeclineReason-{requestId}", localizer["Tell the team why."]);
        }
        // Each open request has its own reason field on the page; the message goes beside the one used.
        foreach (var error in ModelState[nameof(DeclineReason)]?.Errors ?? [])
        {
            ModelState.AddModelError($"DeclineReason-{requestId}", error.ErrorMessage);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        request.Status = TrainingRequestStatus.Declined;
        request.DeclineReason = DeclineReason!.Trim();
        request.DecidedBy = User.Identity!.Name;
        request.DecidedAtUtc = time.NowUtc;
        db.Audit(User, "training-request.declined", nameof(TrainingRequest), request.Id, request.DeclineReason);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "The request was declined and the requester can see why.";
        return RedirectToPage(new { programmeId = request.ProgrammeId });
    }

    private async Task<bool> LoadAsync(int? programmeId, CancellationToken cancellationToken)
    {
        (var found, Programme) = await ProgrammeQueries.FindOrCurrentAsync(db, programmeId, cancellationToken);
        if (!found)
        {
            return false;
        }
        MyPersonId = await ProgrammeQueries.PersonIdAsync(db, User.Identity?.Name, cancellationToken);
        SeesAll = (await authorization.AuthorizeAsync(User, Policies.Ambassador)).Succeeded;
        if (Programme is not null)
        {
            var requests = db.TrainingRequests.AsNoTracking().Include(r => r.RequestedBy).Include(r => r.Unit).Where(r => r.ProgrammeId == Programme.Id);
            if (!SeesAll)
            {
                requests = requests.Where(r => r.RequestedById == MyPersonId);
            }
            Requests = (await requests.ToListAsync(cancellationToken))
                .OrderBy(r => r.Status != TrainingRequestStatus.Open).ThenByDescending(r => r.CreatedAtUtc).ToList();
            var requestIds = Requests.Select(r => (int?)r.Id).ToList();
            Sessions = (await db.TrainingSessions.AsNoTracking().Where(s => requestIds.Contains(s.TrainingRequestId) && s.Status == SessionStatus.Scheduled)
                .Select(s => new { RequestId = s.TrainingRequestId!.Value, s.Id, s.StartUtc }).ToListAsync(cancellationToken))
                .ToLookup(s => s.RequestId, s => (s.Id, s.StartUtc));
        }
        Units = await unitPicker.ChoicesAsync(Input.UnitId, cancellationToken);
        return true;
    }

    public class RequestInput
    {
        [Required(ErrorMessage = "Choose a unit.")]
        public int? UnitId { get; set; }

        public Language Language { get; set; } = Language.Fi;

        public SessionKind Kind { get; set; } = SessionKind.OkrBasics;

        [StringLength(2000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Message { get; set; }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training.Sessions;

/// <summary>Schedules a session or changes one; a new time or place goes to everyone invited or registered.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class EditModel(AppDbContext db, SessionRoster roster, OrganisationTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public List<(int Id, string Name)> Waves { get; private set; } = [];
    public List<(int Id, string Name)> Groups { get; private set; } = [];
    public List<(int Id, string Name)> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? rolloutGroupId, int? trainingRequestId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is null)
        {
            var start = time.Today.AddDays(7).ToDateTime(new TimeOnly(9, 0));
            Input = new SessionInput { Start = start, DurationMinutes = 90, Capacity = 12, RolloutGroupId = rolloutGroupId, TrainingRequestId = trainingRequestId };
            if (trainingRequestId is { } requested && await db.TrainingRequests.Where(r => r.Id == requested).Select(r => new { r.Kind, r.Language }).SingleOrDefaultAsync(cancellationToken) is { } request)
            {
                (Input.Kind, Input.Language) = (request.Kind, request.Language);
            }
            if (rolloutGroupId is { } groupId)
            {
                Input.WaveId = await db.RolloutGroups.Where(g => g.Id == groupId).Select(g => (int?)g.WaveId).SingleOrDefaultAsync(cancellationToken);
            }
        }
        else
        {
            var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Trainers).ThenInclude(t => t.Person).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (session is null)
            {
                return NotFound();
            }
            Input = SessionInput.From(session, time);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var session = id is null ? null : await db.TrainingSessions.Include(s => s.Trainers).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (id is not null && session is null)
        {
            return NotFound();
        }
        var startUtc = Input.Start is { } start && SaneDates.Contains(start) ? time.ToUtc(start) : (DateTime?)null;
        if (startUtc is not null && ModelState.GetFieldValidationState("Input.DurationMinutes") != ModelValidationState.Invalid
            && !SaneDates.Contains(Input.Start!.Value.AddMinutes(Input.DurationMinutes)))
        {
            ModelState.AddModelError("Input.Start", localizer["The session must end by {0}.", SaneDates.Latest.ToString("d")]);
        }
        var timeChanged = session is not null && (session.StartUtc != startUtc || session.DurationMinutes != Input.DurationMinutes);
        if (startUtc is { } newStart && newStart < time.NowUtc && (session is null || timeChanged) && !(session is null && Input.HeldAlready))
        {
            ModelState.AddModelError("Input.Start", localizer["A session cannot be scheduled in the past. To record one that was held already, tick the box."]);
        }
        if (Input.Mode == SessionMode.Online && string.IsNullOrWhiteSpace(Input.Link))
        {
            ModelState.AddModelError("Input.Link", localizer["An online session needs a link."]);
        }
        if (Input.Mode == SessionMode.InPerson && string.IsNullOrWhiteSpace(Input.Room))
        {
            ModelState.AddModelError("Input.Room", localizer["Say where the session is."]);
        }
        if (Input.WaveId is { } waveId && !await db.Waves.AnyAsync(w => w.Id == waveId, cancellationToken))
        {
            ModelState.AddModelError("Input.WaveId", localizer["Choose a wave."]);
        }
        if (Input.RolloutGroupId is { } groupId)
        {
            var group = await db.RolloutGroups.Where(g => g.Id == groupId).Select(g => new { g.WaveId, WaveName = g.Wave.Name }).SingleOrDefaultAsync(cancellationToken);
            if (group is null)
            {
                ModelState.AddModelError("Input.RolloutGroupId", localizer["Choose a rollout group."]);
            }
            else if (Input.WaveId is { } chosenWave && chosenWave != group.WaveId)
            {
                // A group belongs to one wave; a session for another wave would invite the wrong people.
                ModelState.AddModelError("Input.RolloutGroupId", localizer["This rollout group is in {0}, not in the session's wave: choose one of its wave's groups, or that wave.", group.WaveName]);
            }
        }
        if (Input.TrainingRequestId is { } request && !await db.TrainingRequests.AnyAsync(r => r.Id == request, cancellationToken))
        {
            ModelState.AddModelError("Input.TrainingRequestId", localizer["Choose a team training request."]);
        }
        if (session is not null)
        {
            var registered = await db.Enrollments.Where(e => e.SessionId == session.Id).CountAsync(EnrollmentRules.TakesSeat, cancellationToken);
            if (Input.Capacity < registered)
            {
                ModelState.AddModelError("Input.Capacity", localizer["{0} people are already registered; the capacity cannot be lower.", registered]);
            }
        }
        var trainers = await DirectoryLookup.FindListAsync(db, Input.TrainerEmails, cancellationToken, keeping: session?.Trainers.Select(t => t.PersonId));
        if (trainers.Unknown.Count > 0)
        {
            ModelState.AddModelError("Input.TrainerEmails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", trainers.Unknown)]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var placeChanged = session is not null && (session.Mode != Input.Mode || session.Room != (Input.Room ?? "").Trim() || session.Link != (Input.Link ?? "").Trim());
        session ??= db.TrainingSessions.Add(new TrainingSession()).Entity;
        db.ExpectVersion(session, Input.Version);
        Input.ApplyTo(session, startUtc!.Value);
        session.ProgrammeId ??= await db.Programmes.OrderByDescending(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
        session.Trainers.RemoveAll(t => !trainers.Ids.Contains(t.PersonId));
        session.Trainers.AddRange(trainers.Ids.Where(t => session.Trainers.All(x => x.PersonId != t)).Select(t => new SessionTrainer { PersonId = t }));
        var scheduledRequest = Input.TrainingRequestId is { } requestId
            && await db.TrainingRequests.Where(r => r.Id == requestId && r.Status == TrainingRequestStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TrainingRequestStatus.Scheduled).SetProperty(r => r.DecidedBy, User.Identity!.Name).SetProperty(r => r.DecidedAtUtc, time.NowUtc), cancellationToken) > 0;
        var recorded = id is null && Input.HeldAlready && startUtc < time.NowUtc;
        if (!await db.SaveWithAuditAsync(User, recorded ? "training.session-recorded" : id is null ? "training.session-created" : "training.session-updated", nameof(TrainingSession), () => session.Id, session.Kind.ToString(), cancellationToken))
        {
            ModelState.AddModelError(string.Empty, localizer["Somebody else changed this while you were editing it. Nothing was saved: reload the page to see their changes, then make yours again."]);
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (scheduledRequest)
        {
            await roster.TellRequesterAsync(session.Id, cancellationToken);
        }
        if (timeChanged || placeChanged)
        {
            var told = await roster.SendUpdateAsync(session.Id, User, cancellationToken);
            TempData["Status"] = "Saved. {0} people were sent the change.";
            TempData["StatusArgs"] = told.ToString();
        }
        else
        {
            TempData["Status"] = "Saved.";
        }
        return RedirectToPage("/Training/Sessions/Details", new { id = session.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Waves = (await db.Waves.AsNoTracking().OrderBy(w => w.ProgrammeId).ThenBy(w => w.Order).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken)).Select(w => (w.Id, w.Name)).ToList();
        Groups = (await db.RolloutGroups.AsNoTracking().OrderBy(g => g.WaveId).ThenBy(g => g.Name).Select(g => new { g.Id, Name = g.Wave.Name + " · " + g.Name }).ToListAsync(cancellationToken)).Select(g => (g.Id, g.Name)).ToList();
        Requests = (await db.TrainingRequests.AsNoTracking().Where(r => r.Status == TrainingRequestStatus.Open || r.Id == Input.TrainingRequestId)
            .Select(r => new { r.Id, Name = r.Unit.NamePath + " · " + r.RequestedBy.Name }).ToListAsync(cancellationToken)).Select(r => (r.Id, r.Name)).ToList();
    }

    public class SessionInput
    {
        public int Version { get; set; }

        /// <summary>A session that was held already, recorded afterwards with its attendance (new sessions only; audited as such).</summary>
        public bool HeldAlready { get; set; }
        public SessionKind Kind { get; set; } = SessionKind.OkrBasics;

        [StringLength(200, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Title { get; set; }

        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Description { get; set; }

        public Language Language { get; set; } = Language.Fi;
        public SessionMode Mode { get; set; } = SessionMode.InPerson;

        [StringLength(200, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Room { get; set; }

        [StringLength(1000, ErrorMessage = "The text can be at most {1} characters long.")]
        [Url(ErrorMessage = "Enter a web address starting with https://.")]
        public string? Link { get; set; }

        [Required(ErrorMessage = "Enter a date and time.")]
        [WithinSaneDates]
        public DateTime? Start { get; set; }

        [Range(1, 24 * 60, ErrorMessage = "The duration must be from {1} to {2} minutes.")]
        public int DurationMinutes { get; set; } = 90;

        [Range(1, 10000, ErrorMessage = "Enter a number from {1} to {2}.")]
        public int Capacity { get; set; } = 12;

        public int? WaveId { get; set; }
        public int? RolloutGroupId { get; set; }
        public int? TrainingRequestId { get; set; }
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? TrainerEmails { get; set; }

        public static SessionInput From(TrainingSession session, OrganisationTime time) => new()
        {
            Version = session.Version,
            Kind = session.Kind,
            Title = session.Title,
            Description = session.Description,
            Language = session.Language,
            Mode = session.Mode,
            Room = session.Room,
            Link = session.Link,
            Start = time.ToLocal(session.StartUtc),
            DurationMinutes = session.DurationMinutes,
            Capacity = session.Capacity,
            WaveId = session.WaveId,
            RolloutGroupId = session.RolloutGroupId,
            TrainingRequestId = session.TrainingRequestId,
            TrainerEmails = string.Join(", ", session.Trainers.Select(t => t.Person.Email)),
        };

        public void ApplyTo(TrainingSession session, DateTime startUtc)
        {
            session.Kind = Kind;
            session.Title = Title?.Trim() ?? "";
            session.Description = Description?.Trim() ?? "";
            session.Language = Language;
            session.Mode = Mode;
            session.Room = Room?.Trim() ?? "";
            session.Link = Link?.Trim() ?? "";
            session.StartUtc = startUtc;
            session.DurationMinutes = DurationMinutes;
            session.Capacity = Capacity;
            session.WaveId = WaveId;
            session.RolloutGroupId = RolloutGroupId;
            session.TrainingRequestId = TrainingRequestId;
        }
    }
}

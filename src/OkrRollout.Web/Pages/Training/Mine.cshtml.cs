using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>A person's sessions, and the open sessions in their language they can register for.</summary>
[Authorize(Policy = Policies.Member)]
public class MineModel(AppDbContext db, TrainingAccess access, OrganisationTime time) : PageModel
{
    public Person? Me { get; private set; }
    public List<(int Id, string Title, DateTime Start, EnrollmentState State)> Mine { get; private set; } = [];
    public List<(int Id, string Title, DateTime Start, int SeatsLeft)> Open { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Me = await access.MeAsync(User, cancellationToken);
        if (Me is null)
        {
            return;
        }
        var meId = Me.Id;
        Mine = (await db.Enrollments.AsNoTracking().Where(e => e.PersonId == meId).OrderByDescending(e => e.Session.StartUtc)
            .Select(e => new { e.SessionId, e.Session.Title, e.Session.Kind, e.Session.StartUtc, e.State }).ToListAsync(cancellationToken))
            .Select(e => (e.SessionId, e.Title.Length > 0 ? e.Title : $"SessionKind.{e.Kind}", time.ToLocal(e.StartUtc), e.State)).ToList();
        var now = time.NowUtc;
        var language = Me.PreferredLanguage;
        Open = (await db.TrainingSessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc > now && s.Language == language && !s.Enrollments.Any(e => e.PersonId == meId))
            .OrderBy(s => s.StartUtc).Take(50)
            .Select(s => new { s.Id, s.Title, s.Kind, s.StartUtc, s.Capacity, Registered = s.Enrollments.Count(e => e.State == EnrollmentState.Registered) })
            .ToListAsync(cancellationToken))
            .Where(s => s.Registered < s.Capacity)
            .Select(s => (s.Id, s.Title.Length > 0 ? s.Title : $"SessionKind.{s.Kind}", time.ToLocal(s.StartUtc), s.Capacity - s.Registered)).ToList();
    }
}

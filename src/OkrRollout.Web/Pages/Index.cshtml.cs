using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages;

[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db, OrganisationTime time, AmbassadorAgenda agenda, IAuthorizationService authorization) : PageModel
{
    /// <summary>For ambassadors: what needs them today, and on a new install the steps still to take.</summary>
    public Agenda? Agenda { get; private set; }
    public FirstRunChecklist? Checklist { get; private set; }

    public List<ProgrammeSummary> Programmes { get; private set; } = [];
    public int ActivePeople { get; private set; }
    public int Units { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = time.Today;
        if ((await authorization.AuthorizeAsync(User, Policies.Ambassador)).Succeeded)
        {
            Checklist = await agenda.ChecklistAsync(cancellationToken);
            Agenda = await agenda.ForTodayAsync(cancellationToken);
        }
        ActivePeople = await db.People.CountAsync(p => p.IsActive, cancellationToken);
        Units = await db.OrgUnits.CountAsync(cancellationToken);
        var memberCounts = await db.WaveMembers.GroupBy(m => m.WaveId).Select(g => new { WaveId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.WaveId, g => g.Count, cancellationToken);
        var language = Localization.AppCultures.CurrentLanguage;
        Programmes = await db.Programmes.AsNoTracking()
            .OrderByDescending(p => p.StartDate)
            .Select(p => new ProgrammeSummary(p.Id, p.Name, Programme.WhyOf(p.Why, p.WhyFi, language), p.Sponsor == null ? null : p.Sponsor.Name, p.StartDate, p.TargetDate,
                p.Waves.OrderBy(w => w.Order).Select(w => new WaveSummary(w.Id, w.Name, w.Kind, w.PlannedStart, w.PlannedEnd, w.ActualStart, w.ActualEnd, 0)).ToList()))
            .ToListAsync(cancellationToken);
        foreach (var programme in Programmes)
        {
            programme.Waves.ForEach(w => w.Members = memberCounts.GetValueOrDefault(w.Id));
        }
    }

    public sealed record ProgrammeSummary(int Id, string Name, string Why, string? Sponsor, DateOnly Start, DateOnly Target, List<WaveSummary> Waves);

    public sealed record WaveSummary(int Id, string Name, WaveKind Kind, DateOnly PlannedStart, DateOnly PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, int Members)
    {
        public int Members { get; set; } = Members;

        public string State => ActualEnd is not null ? "Done" : ActualStart is not null ? "Running" : "Planned";
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>The training calendar: a month grid or a list, filtered by kind, language, wave and trainer.</summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db, OrganisationTime time) : PageModel
{
    public string View { get; private set; } = "list";
    public DateOnly Month { get; private set; }
    public SessionKind? Kind { get; private set; }
    public Language? Language { get; private set; }
    public int? WaveId { get; private set; }
    public int? TrainerId { get; private set; }
    public List<Row> Sessions { get; private set; } = [];
    public List<(int Id, string Name)> Waves { get; private set; } = [];
    public List<(int Id, string Name)> Trainers { get; private set; } = [];

    public async Task OnGetAsync(string? view, string? month, SessionKind? kind, Language? language, int? waveId, int? trainerId, bool past, CancellationToken cancellationToken)
    {
        (View, Kind, Language, WaveId, TrainerId) = (view == "month" ? "month" : "list", kind, language, waveId, trainerId);
        var today = time.Today;
        Month = SaneDates.ParseMonth(month) ?? new DateOnly(today.Year, today.Month, 1);
        var sessions = db.TrainingSessions.AsNoTracking();
        if (kind is { } k) sessions = sessions.Where(s => s.Kind == k);
        if (language is { } l) sessions = sessions.Where(s => s.Language == l);
        if (waveId is { } w) sessions = sessions.Where(s => s.WaveId == w);
        if (trainerId is { } t) sessions = sessions.Where(s => s.Trainers.Any(x => x.PersonId == t));
        if (View == "month")
        {
            var from = time.StartOfDayUtc(Month);
            var to = time.StartOfDayUtc(Month.AddMonths(1));
            sessions = sessions.Where(s => s.StartUtc >= from && s.StartUtc < to);
        }
        else if (!past)
        {
            var now = time.NowUtc.AddHours(-12);
            sessions = sessions.Where(s => s.StartUtc >= now);
        }
        Sessions = (await sessions.OrderBy(s => s.StartUtc).Take(500)
            .Select(s => new
            {
                s.Id, s.Kind, s.Title, s.Language, s.Mode, s.Room, s.StartUtc, s.DurationMinutes, s.Capacity, s.Status,
                Registered = s.Enrollments.Count(e => e.State == EnrollmentState.Registered),
                Trainers = s.Trainers.Select(x => x.Person.Name).ToList(),
            }).ToListAsync(cancellationToken))
            .Select(s => new Row(s.Id, s.Kind, s.Title, s.Language, s.Mode, s.Room, time.ToLocal(s.StartUtc), s.DurationMinutes, s.Capacity, s.Registered, s.Status, string.Join(", ", s.Trainers)))
            .ToList();
        Waves = (await db.Waves.AsNoTracking().OrderBy(x => x.Order).Select(x => new { x.Id, x.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)).ToList();
        Trainers = (await db.SessionTrainers.AsNoTracking().Select(x => new { x.PersonId, x.Person.Name }).Distinct().ToListAsync(cancellationToken)).OrderBy(x => x.Name).Select(x => (x.PersonId, x.Name)).ToList();
    }

    public Dictionary<string, string?> Query(string? view = null, DateOnly? month = null) => new()
    {
        ["view"] = view ?? View,
        ["month"] = (month ?? Month).ToString("yyyy-MM"),
        ["kind"] = Kind?.ToString(),
        ["language"] = Language?.ToString(),
        ["waveId"] = WaveId?.ToString(),
        ["trainerId"] = TrainerId?.ToString(),
    };

    public sealed record Row(int Id, SessionKind Kind, string Title, Language Language, SessionMode Mode, string Room, DateTime StartLocal, int Duration, int Capacity, int Registered, SessionStatus Status, string Trainers)
    {
        public int SeatsLeft => Math.Max(0, Capacity - Registered);
    }
}

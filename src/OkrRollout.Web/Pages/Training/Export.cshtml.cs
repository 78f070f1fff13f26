using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>Attendance for HR records: one row per enrollment, spreadsheet formulas neutralised.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class ExportModel(AppDbContext db, OrganisationTime time) : PageModel
{
    public static readonly string[] Columns = ["name", "email", "unit", "wave", "group", "session", "kind", "language", "date", "duration_minutes", "state"];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"attendance-{time.Today:yyyy-MM-dd}.csv\"";
        var rows = db.Enrollments.AsNoTracking().OrderBy(e => e.Session.StartUtc).ThenBy(e => e.Person.Name)
            .Select(e => new
            {
                e.Person.Name, e.Person.Email, Unit = e.Person.Unit.NamePath,
                Wave = db.WaveMembers.Where(m => m.PersonId == e.PersonId && (e.Session.ProgrammeId == null || m.ProgrammeId == e.Session.ProgrammeId)).Select(m => m.Wave.Name).FirstOrDefault(),
                Group = db.WaveMembers.Where(m => m.PersonId == e.PersonId && (e.Session.ProgrammeId == null || m.ProgrammeId == e.Session.ProgrammeId)).Select(m => m.RolloutGroup!.Name).FirstOrDefault(),
                e.Session.Title, e.Session.Kind, e.Session.Language, e.Session.StartUtc, e.Session.DurationMinutes, e.State,
            })
            .AsAsyncEnumerable();
        await CsvTable.WriteAsync(Response.Body, Columns, rows.Select(r => new string[]
        {
            r.Name, r.Email, r.Unit, r.Wave ?? "", r.Group ?? "", r.Title, r.Kind.ToString(), r.Language.ToCode(),
            time.ToLocal(r.StartUtc).ToString("yyyy-MM-dd HH:mm"), r.DurationMinutes.ToString(), r.State.ToString(),
        }), ',', cancellationToken);
        return new EmptyResult();
    }
}

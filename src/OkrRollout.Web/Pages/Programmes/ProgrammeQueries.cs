using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Pages.Programmes;

public static class ProgrammeQueries
{
    /// <summary>The programme pages' default: the one that started last.</summary>
    public static Task<int?> CurrentIdAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Programmes.OrderByDescending(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The programme asked for, or the current one when none is named (null when there is none yet).
    /// Found is false only when a named programme does not exist.
    /// </summary>
    public static async Task<(bool Found, Programme? Programme)> FindOrCurrentAsync(AppDbContext db, int? programmeId, CancellationToken cancellationToken)
    {
        var id = programmeId ?? await CurrentIdAsync(db, cancellationToken);
        var programme = id is null ? null : await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return (programmeId is null || programme is not null, programme);
    }

    public static Task<int?> PersonIdAsync(AppDbContext db, string? email, CancellationToken cancellationToken)
    {
        var normalised = Person.NormaliseEmail(email ?? "");
        return db.People.Where(p => p.Email == normalised).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
    }
}

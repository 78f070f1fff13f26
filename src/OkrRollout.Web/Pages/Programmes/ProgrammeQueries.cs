using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Pages.Programmes;

public static class ProgrammeQueries
{
    /// <summary>The programme pages' default: the one that started last.</summary>
    public static Task<int?> CurrentIdAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Programmes.OrderByDescending(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);

    public static Task<int?> PersonIdAsync(AppDbContext db, string? email, CancellationToken cancellationToken)
    {
        var normalised = Person.NormaliseEmail(email ?? "");
        return db.People.Where(p => p.Email == normalised).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Training;

/// <summary>Ambassadors and admins run every session; a trainer takes attendance for their own sessions.</summary>
public class TrainingAccess(AppDbContext db, IAuthorizationService authorization)
{
    public async Task<Person?> MeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var email = Person.NormaliseEmail(user.Identity?.Name ?? "");
        return await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
    }

    public async Task<bool> IsAmbassadorAsync(ClaimsPrincipal user) => (await authorization.AuthorizeAsync(user, Policies.Ambassador)).Succeeded;

    public async Task<bool> CanTakeAttendanceAsync(ClaimsPrincipal user, int sessionId, CancellationToken cancellationToken) =>
        await IsAmbassadorAsync(user)
        || (await MeAsync(user, cancellationToken)) is { } me && await db.SessionTrainers.AnyAsync(t => t.SessionId == sessionId && t.PersonId == me.Id, cancellationToken);
}

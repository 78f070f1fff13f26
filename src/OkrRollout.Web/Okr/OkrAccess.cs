using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Okr;

/// <summary>
/// Who may change which OKRs: everybody sees everything; ambassadors and admins edit all; a lead
/// edits the OKRs of their unit and the units below it; an objective's owner edits that objective;
/// a key result's owner and contributors check in on it.
/// </summary>
public class OkrAccess(AppDbContext db, IAuthorizationService authorization)
{
    private Person? _me;
    private bool _loaded;
    private bool? _ambassador;

    public async Task<Person?> MeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            var email = Person.NormaliseEmail(user.Identity?.Name ?? "");
            _me = await db.People.AsNoTracking().Include(p => p.Unit).SingleOrDefaultAsync(p => p.Email == email, cancellationToken);
            _loaded = true;
        }
        return _me;
    }

    private async Task<bool> IsAmbassadorAsync(ClaimsPrincipal user) =>
        _ambassador ??= (await authorization.AuthorizeAsync(user, Policies.Ambassador)).Succeeded;

    public async Task<bool> CanEditUnitAsync(ClaimsPrincipal user, int unitId, CancellationToken cancellationToken)
    {
        if (await IsAmbassadorAsync(user))
        {
            return true;
        }
        var me = await MeAsync(user, cancellationToken);
        if (me is not { IsLead: true, IsActive: true })
        {
            return false;
        }
        var unitPath = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.IdPath).SingleOrDefaultAsync(cancellationToken);
        return unitPath is not null && unitPath.StartsWith(me.Unit.IdPath, StringComparison.Ordinal);
    }

    public async Task<bool> CanEditObjectiveAsync(ClaimsPrincipal user, Objective objective, CancellationToken cancellationToken) =>
        (await MeAsync(user, cancellationToken)) is { } me && objective.OwnerId == me.Id
        || await CanEditUnitAsync(user, objective.UnitId, cancellationToken);

    public async Task<bool> CanCheckInAsync(ClaimsPrincipal user, KeyResult keyResult, Objective objective, CancellationToken cancellationToken)
    {
        var me = await MeAsync(user, cancellationToken);
        if (me is not null && (keyResult.OwnerId == me.Id || await db.KeyResultContributors.AnyAsync(c => c.KeyResultId == keyResult.Id && c.PersonId == me.Id, cancellationToken)))
        {
            return true;
        }
        return await CanEditObjectiveAsync(user, objective, cancellationToken);
    }
}

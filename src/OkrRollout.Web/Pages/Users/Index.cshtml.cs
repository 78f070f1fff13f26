using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Users;

/// <summary>
/// Users and roles: everyone in the directory with how they sign in and the roles they hold; Admins
/// grant and revoke Admin, Ambassador and Leader (RoleGrants keeps the rules) and send sign-in links
/// to one person, a list of addresses or a unit's leads.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class IndexModel(AppDbContext db, RoleGrants grants, SignInMail mail, MailReadiness readiness, AccountOptions account, Units.UnitPicker unitPicker, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public UsersFilter Filter { get; set; } = new();

    [BindProperty]
    public BulkInput Bulk { get; set; } = new();

    public List<UserRow> Rows { get; private set; } = [];

    /// <summary>Sign-ins of no person in the directory, such as the first administrator.</summary>
    public List<UserRow> Outside { get; private set; } = [];
    public int Total { get; private set; }
    public bool HasNextPage { get; private set; }
    public int PageCount => Math.Max(1, (Total + PeopleFilter.PageSize - 1) / PeopleFilter.PageSize);
    public Units.UnitChoices Units { get; private set; } = new([], true);
    public const int OutsideShown = 100;
    public int InvitationDays => account.InvitationLinkDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostGrantAsync(string email, string role, string? returnUrl, CancellationToken cancellationToken)
    {
        var why = await grants.GrantAsync(email, role, User, cancellationToken);
        (TempData["Status"], TempData["StatusArgs"]) = why is null ? ("{0} is now {1}.", $"{email}|{localizer[$"AppRole.{role}"]}") : (why, "");
        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string email, string role, string? returnUrl, CancellationToken cancellationToken)
    {
        var why = await grants.RevokeAsync(email, role, User, cancellationToken);
        (TempData["Status"], TempData["StatusArgs"]) = why is null ? ("{0} is no longer {1}.", $"{email}|{localizer[$"AppRole.{role}"]}") : (why, "");
        return Back(returnUrl);
    }

    public async Task<IActionResult> OnPostInviteAsync(int personId, string? returnUrl, CancellationToken cancellationToken)
    {
        (TempData["Status"], TempData["StatusArgs"]) = SignInLinkStatus.Of(await mail.InviteAsync([personId], User, cancellationToken), readiness);
        return Back(returnUrl);
    }

    /// <summary>Sign-in links for a list of addresses or a unit's leads; an unknown address refuses the whole list, so nobody gets a link twice when it is sent again.</summary>
    public async Task<IActionResult> OnPostInviteManyAsync(CancellationToken cancellationToken)
    {
        var found = await DirectoryLookup.FindListAsync(db, Bulk.Emails, cancellationToken);
        if (found.NothingTyped && Bulk.UnitId is null)
        {
            ModelState.AddModelError("Bulk.Emails", localizer["Enter e-mail addresses or choose a unit."]);
        }
        if (found.Unknown.Count > 0)
        {
            ModelState.AddModelError("Bulk.Emails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", found.Unknown)]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var ids = found.Ids.ToList();
        if (Bulk.UnitId is { } unitId)
        {
            var subtree = await UnitSubtree.IdsAsync(db, unitId, cancellationToken);
            ids.AddRange(await db.People.Where(p => p.IsActive && p.IsLead && EF.Parameter(subtree).Contains(p.UnitId)).Select(p => p.Id).ToListAsync(cancellationToken));
        }
        (TempData["Status"], TempData["StatusArgs"]) = SignInLinkStatus.Of(await mail.InviteAsync(ids, User, cancellationToken), readiness);
        return RedirectToPage();
    }

    private IActionResult Back(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (people, _) = await Filter.ApplyAsync(db, cancellationToken);
        if (Filter.SignIn is { } state)
        {
            people = people.WithSignInState(db, state);
        }
        if (Filter.Role is { } role && Roles.Granted.Contains(role))
        {
            var holders = await HoldersAsync(role, cancellationToken);
            people = people.Where(p => EF.Parameter(holders).Contains(p.Email));
        }
        Total = await people.CountAsync(cancellationToken);
        Filter.PageNumber = Math.Clamp(Filter.PageNumber, 1, PageCount);
        var page = await people.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((Filter.PageNumber - 1) * PeopleFilter.PageSize).Take(PeopleFilter.PageSize + 1)
            .Select(p => new { p.Id, p.Name, p.Email, p.Unit.NamePath, p.IsActive })
            .ToListAsync(cancellationToken);
        HasNextPage = page.Count > PeopleFilter.PageSize;
        page = page.Take(PeopleFilter.PageSize).ToList();

        var emails = page.Select(p => p.Email).ToList();
        var users = await UsersAsync(db.Users.Where(u => emails.Contains(u.Email!)), cancellationToken);
        var personIds = page.Select(p => p.Id).ToList();
        var team = (await db.ProgrammeRoles.AsNoTracking().Where(r => personIds.Contains(r.PersonId) && Roles.FromTeam.Contains(r.Role))
                .Select(r => new { r.PersonId, r.Role, Programme = r.Programme.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.PersonId, r => new TeamRole(Roles.GivenBy(r.Role)!, r.Role, r.Programme));
        Rows = page.Select(p => users.GetValueOrDefault(p.Email) is { } user
                ? user with { PersonId = p.Id, Name = p.Name, UnitPath = p.NamePath, IsActive = p.IsActive, FromTeam = team[p.Id].ToList() }
                : new UserRow(p.Id, p.Name, p.Email, p.NamePath, p.IsActive, SignInSummary.None, [], team[p.Id].ToList()))
            .ToList();

        // Sign-ins outside the directory have no unit, name or status: shown with the unfiltered first page, or by role and sign-in.
        if (Filter.PageNumber == 1 && !Filter.IsTextSearch && Filter.Unit is null && Filter.Status != PersonStatusFilter.Inactive)
        {
            var outside = db.Users.Where(u => !db.People.Any(p => p.Email == u.Email));
            if (Filter.Role is { } outsideRole && Roles.Granted.Contains(outsideRole))
            {
                var holders = db.UsersInRole(outsideRole);
                outside = outside.Where(u => holders.Any(h => h.Id == u.Id));
            }
            if (Filter.SignIn is { } outsideState)
            {
                outside = outside.WithSignInState(outsideState);
            }
            Outside = (await UsersAsync(outside.OrderBy(u => u.Email).Take(OutsideShown), cancellationToken)).Values.ToList();
        }
        Units = await unitPicker.ChoicesAsync(Filter.Unit ?? Bulk.UnitId, cancellationToken);
    }

    /// <summary>The sign-ins a query finds, by e-mail, with their granted roles.</summary>
    private async Task<Dictionary<string, UserRow>> UsersAsync(IQueryable<Data.AppUser> query, CancellationToken cancellationToken)
    {
        var users = await query.AsNoTracking().Select(u => new { u.Id, Email = u.Email!, u.LastSignInAtUtc, HasPassword = u.PasswordHash != null, u.LastSignInMethod }).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name!);
        return users.ToDictionary(u => u.Email, u => new UserRow(null, u.Email, u.Email, "", true,
            new SignInSummary(SignInStates.Of(u.LastSignInAtUtc, u.HasPassword, u.LastSignInMethod), u.LastSignInAtUtc),
            roles[u.Id].Where(r => Roles.Granted.Contains(r)).ToList(), []));
    }

    /// <summary>The addresses of everyone holding a role: granted by an Admin or given by a roll-out team.</summary>
    private async Task<List<string>> HoldersAsync(string role, CancellationToken cancellationToken)
    {
        var granted = await db.UsersInRole(role).Select(u => u.Email!).ToListAsync(cancellationToken);
        var kinds = Roles.FromTeam.Where(k => Roles.GivenBy(k) == role).ToList();
        var fromTeam = await db.ProgrammeRoles.Where(r => kinds.Contains(r.Role)).Select(r => r.Person.Email).ToListAsync(cancellationToken);
        return granted.Concat(fromTeam).Distinct().ToList();
    }

    public sealed record TeamRole(string AppRole, ProgrammeRoleKind Kind, string Programme);

    public sealed record UserRow(int? PersonId, string Name, string Email, string UnitPath, bool IsActive, SignInSummary SignIn, List<string> Granted, List<TeamRole> FromTeam);

    public class BulkInput
    {
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Emails { get; set; }
        public int? UnitId { get; set; }
    }
}

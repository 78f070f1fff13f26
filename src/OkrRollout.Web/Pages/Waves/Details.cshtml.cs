using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Htmx;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Waves;

/// <summary>
/// A wave's people and rollout groups. Everyone reads (this file); ambassadors change who is in it
/// (<c>Details.Members.cs</c>) and how it is split into groups (<c>Details.Groups.cs</c>).
/// </summary>
[Authorize(Policy = Policies.Member)]
public partial class DetailsModel(AppDbContext db, WaveMembership membership, OnboardingInvitations invitations, SignInMail signInMail, MailReadiness readiness, StageRollupRefresher rollups, IStringLocalizer<SharedResource> localizer, OrganisationTime time, UnitPicker unitPicker, StageCorrections corrections) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Which members the list shows; bound on the page and on every form that comes back to it.</summary>
    [BindProperty(SupportsGet = true)]
    public MemberListFilter List { get; set; } = new();

    public Wave Wave { get; private set; } = null!;
    public MemberRowChoices RowChoices { get; private set; } = new(0, [], []);
    public IReadOnlyList<RolloutGroupRow> Groups => RowChoices.Groups;
    public List<MemberRow> Members { get; private set; } = [];
    public int MemberCount { get; private set; }
    /// <summary>How many members the list's search and group filter match.</summary>
    public int MatchCount { get; private set; }
    public int PageCount => Math.Max(1, (MatchCount + PageSize - 1) / PageSize);

    /// <summary>Members who have signed in at least once.</summary>
    public int SignedInCount { get; private set; }
    public UnitChoices Units { get; private set; } = new([], true);
    public DateOnly Today { get; private set; }
    public MilestoneProgress? Milestone { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return Request.IsHtmxPartial() && Request.Headers["HX-Target"] == "wave-members" ? Partial("_WaveMembers", this) : Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var wave = await db.Waves.AsNoTracking().Include(w => w.Programme).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wave is null)
        {
            return false;
        }
        Wave = wave;
        Today = time.Today;
        RowChoices = await RowChoicesAsync(wave.ProgrammeId, id, cancellationToken);
        ChooseGroupPage();
        MemberCount = await db.WaveMembers.CountAsync(m => m.WaveId == id, cancellationToken);
        SignedInCount = await db.WaveMembers.CountAsync(m => m.WaveId == id && db.Users.Any(u => u.Email == m.Person.Email && u.LastSignInAtUtc != null), cancellationToken);
        var matching = List.Apply(db, db.WaveMembers.Where(m => m.WaveId == id));
        MatchCount = await matching.CountAsync(cancellationToken);
        List.PageNumber = Math.Clamp(List.PageNumber, 1, PageCount);
        Members = await MemberRows(matching
            .OrderBy(m => m.RolloutGroup == null ? 1 : 0).ThenBy(m => m.RolloutGroup!.Name).ThenBy(m => m.Person.Unit.NamePath).ThenBy(m => m.Person.Name).ThenBy(m => m.PersonId)
            .Skip((List.PageNumber - 1) * PageSize).Take(PageSize))
            .ToListAsync(cancellationToken);
        Units = await unitPicker.ChoicesAsync(Add.UnitId, cancellationToken);
        if (wave.MilestoneCriterion != MilestoneCriterion.None)
        {
            Milestone = (await rollups.MilestonesAsync([wave], cancellationToken))[wave.Id];
        }
        return true;
    }

    /// <summary>What every member row offers: the wave's groups to put them in, the programme's other waves to move them to.</summary>
    private async Task<MemberRowChoices> RowChoicesAsync(int programmeId, int waveId, CancellationToken cancellationToken) => new(waveId,
        await db.RolloutGroups.AsNoTracking().Where(g => g.WaveId == waveId).OrderBy(g => g.Name)
            .Select(g => new RolloutGroupRow(g.Id, g.Name, g.Size, g.Facilitator == null ? null : g.Facilitator.Name, g.Facilitator == null ? null : g.Facilitator.Email, db.WaveMembers.Count(m => m.RolloutGroupId == g.Id)))
            .ToListAsync(cancellationToken),
        await db.Waves.AsNoTracking().Where(w => w.ProgrammeId == programmeId && w.Id != waveId).OrderBy(w => w.Order).Select(w => new WaveChoice(w.Id, w.Name)).ToListAsync(cancellationToken));

    private IQueryable<MemberRow> MemberRows(IQueryable<WaveMember> members) =>
        members.AsNoTracking().Select(m => new MemberRow(m.PersonId, m.Person.Name, m.Person.Unit.NamePath, m.Person.IsLead, m.RolloutGroupId,
            db.Users.Where(u => u.Email == m.Person.Email).Select(u => u.LastSignInAtUtc).FirstOrDefault()));

    public sealed record RolloutGroupRow(int Id, string Name, int Size, string? Facilitator, string? FacilitatorEmail, int Members);

    public sealed record MemberRow(int PersonId, string Name, string UnitPath, bool IsLead, int? GroupId, DateTime? LastSignInAtUtc);

    public sealed record WaveChoice(int Id, string Name);

    public sealed record MemberRowChoices(int WaveId, IReadOnlyList<RolloutGroupRow> Groups, IReadOnlyList<WaveChoice> OtherWaves);


    /// <summary>A search over name, e-mail and unit, a group (or <see cref="NoGroup"/>), and a page.</summary>
    public class MemberListFilter
    {
        public const int NoGroup = 0;

        [StringLength(TextLimits.Search, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Q { get; set; }
        public int? Group { get; set; }
        /// <summary>Only members who were sent a sign-in link and have never signed in.</summary>
        public bool NeverSignedIn { get; set; }
        /// <summary>Not "page": Razor Pages reserves that route value for the page's own name.</summary>
        public int PageNumber { get; set; } = 1;

        public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Group is not null || NeverSignedIn;

        public IQueryable<WaveMember> Apply(AppDbContext db, IQueryable<WaveMember> members)
        {
            if (NeverSignedIn)
            {
                var waiting = db.People.Where(p => p.IsActive).SentASignInLink(db).WithSignInState(db, SignInState.NeverSignedIn);
                members = members.Where(m => waiting.Any(p => p.Id == m.PersonId));
            }
            if (!string.IsNullOrWhiteSpace(Q))
            {
                var term = Q.Trim().ToLowerInvariant();
                members = members.Where(m => m.Person.SearchText.Contains(term) || m.Person.Unit.NamePath.ToLower().Contains(term));
            }
            return Group switch
            {
                null => members,
                NoGroup => members.Where(m => m.RolloutGroupId == null),
                { } groupId => members.Where(m => m.RolloutGroupId == groupId),
            };
        }

        public Dictionary<string, string?> RouteValues(int id, int page) => new()
        {
            ["id"] = id.ToString(),
            ["List.Q"] = string.IsNullOrWhiteSpace(Q) ? null : Q,
            ["List.Group"] = Group?.ToString(),
            ["List.NeverSignedIn"] = NeverSignedIn ? "true" : null,
            ["List.PageNumber"] = page == 1 ? null : page.ToString(),
        };
    }
}

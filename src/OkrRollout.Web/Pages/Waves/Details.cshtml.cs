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
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Waves;

/// <summary>A wave's people and rollout groups. Everyone reads; ambassadors change who is in it.</summary>
[Authorize(Policy = Policies.Member)]
public class DetailsModel(AppDbContext db, WaveMembership membership, OnboardingInvitations invitations, SignInMail signInMail, MailReadiness readiness, StageRollupRefresher rollups, IStringLocalizer<SharedResource> localizer, OrganisationTime time, UnitPicker unitPicker) : PageModel
{
    public const int MembersShown = 500;

    public Wave Wave { get; private set; } = null!;
    public MemberRowChoices RowChoices { get; private set; } = new(0, [], []);
    public IReadOnlyList<RolloutGroupRow> Groups => RowChoices.Groups;
    public List<MemberRow> Members { get; private set; } = [];
    public int MemberCount { get; private set; }

    /// <summary>Members who have signed in at least once.</summary>
    public int SignedInCount { get; private set; }
    public UnitChoices Units { get; private set; } = new([], true);
    public DateOnly Today { get; private set; }
    public MilestoneProgress? Milestone { get; private set; }

    [BindProperty]
    public AddInput Add { get; set; } = new();

    [BindProperty]
    public GroupInput NewGroup { get; set; } = new();

    [BindProperty]
    public int GroupSize { get; set; } = RolloutGroup.DefaultSize;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAddMembersAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Waves.FindAsync([id], cancellationToken) is not { } wave)
        {
            return NotFound();
        }
        var picked = await DirectoryLookup.FindListAsync(db, Add.Emails, cancellationToken);
        if (picked.Unknown.Count > 0)
        {
            ModelState.AddModelError("Add.Emails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", picked.Unknown)]);
        }
        var pickedIds = picked.Ids.ToList();
        var twice = await db.WaveMembers.Where(m => m.WaveId == id && pickedIds.Contains(m.PersonId)).Select(m => m.Person.Name).ToListAsync(cancellationToken);
        if (twice.Count > 0)
        {
            ModelState.AddModelError("Add.Emails", localizer["Already in this wave: {0}", string.Join(", ", twice)]);
        }
        if (Add.UnitId is null && picked.NothingTyped)
        {
            ModelState.AddModelError("Add.UnitId", localizer["Choose a unit or enter e-mail addresses."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        var result = await membership.AddAsync(wave, new WaveSelection(Add.UnitId, Add.LeadsOnly, pickedIds), User, cancellationToken);
        TempData["Status"] = "People added: {0}. Already in this wave: {1}. In another wave of this programme, so left there: {2}.";
        TempData["StatusArgs"] = $"{result.Added}|{result.AlreadyInThisWave}|{result.InAnotherWave}";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostSplitAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Waves.FindAsync([id], cancellationToken) is not { } wave)
        {
            return NotFound();
        }
        if (SizeError(GroupSize, members: 0) is { } sizeError)
        {
            ModelState.AddModelError(nameof(GroupSize), sizeError);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        await membership.SplitIntoGroupsAsync(wave, GroupSize, localizer["Rollout group"], User, cancellationToken);
        TempData["Status"] = "The wave was split into rollout groups.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAddGroupAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Waves.FindAsync([id], cancellationToken) is null)
        {
            return NotFound();
        }
        var facilitator = await CheckGroupAsync(field => $"NewGroup.{field}", members: 0, keeping: null, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        db.RolloutGroups.Add(new RolloutGroup { WaveId = id, Name = NewGroup.Name!.Trim(), Size = NewGroup.Size, FacilitatorId = facilitator });
        db.Audit(User, "wave.group-added", nameof(Wave), id, NewGroup.Name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Group added.";
        return RedirectToPage(new { id });
    }

    /// <summary>Renames a group, changes its size or facilitator; a size below its current members is refused.</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostUpdateGroupAsync(int id, int groupId, CancellationToken cancellationToken)
    {
        var group = await db.RolloutGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.WaveId == id, cancellationToken);
        if (group is null)
        {
            return NotFound();
        }
        var members = await db.WaveMembers.CountAsync(m => m.RolloutGroupId == groupId, cancellationToken);
        // The table's edit forms show one message per group, whichever field it is about.
        var facilitator = await CheckGroupAsync(_ => $"Group-{groupId}", members, group.FacilitatorId, cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        group.Name = NewGroup.Name!.Trim();
        group.Size = NewGroup.Size;
        group.FacilitatorId = facilitator;
        db.Audit(User, "wave.group-updated", nameof(RolloutGroup), group.Id, $"{group.Name}, size {group.Size}, facilitator {NewGroup.FacilitatorEmail}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Group saved.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAssignGroupAsync(int id, int personId, int? groupId, CancellationToken cancellationToken)
    {
        var member = await db.WaveMembers.SingleOrDefaultAsync(m => m.WaveId == id && m.PersonId == personId, cancellationToken);
        var group = groupId is null ? null : await db.RolloutGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.WaveId == id, cancellationToken);
        if (member is null || (groupId is not null && group is null))
        {
            return NotFound();
        }
        var assigned = await membership.AssignGroupAsync(member, group, User, cancellationToken);
        var error = assigned ? null : localizer["{0} is full ({1} people).", group!.Name, group.Size].Value;
        if (Request.IsHtmxPartial())
        {
            // Its own row, not one of the rows the page shows: the member may be past the first MembersShown.
            var row = await MemberRows(db.WaveMembers.Where(m => m.WaveId == id && m.PersonId == personId)).SingleAsync(cancellationToken);
            return Partial("_MemberRow", new MemberRowView(row, await RowChoicesAsync(member.ProgrammeId, id, cancellationToken), error));
        }
        if (error is not null)
        {
            ModelState.AddModelError(string.Empty, error);
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostInviteAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Waves.FindAsync([id], cancellationToken) is not { } wave)
        {
            return NotFound();
        }
        var result = await invitations.QueueForWaveAsync(wave, User, cancellationToken);
        if (result.MailNotReady)
        {
            TempData["Status"] = MailReadiness.Reason;
            TempData["StatusArgs"] = readiness.UnsetList;
        }
        else
        {
            TempData["Status"] = "{0} onboarding invitation(s) queued; people who already had one were skipped.";
            TempData["StatusArgs"] = result.Sent.ToString();
        }
        return RedirectToPage(new { id });
    }

    /// <summary>A new personal sign-in link for one member, e.g. one whose invitation link was used or has expired.</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostSendLinkAsync(int id, int personId, CancellationToken cancellationToken)
    {
        if (!await db.WaveMembers.AnyAsync(m => m.WaveId == id && m.PersonId == personId, cancellationToken))
        {
            return NotFound();
        }
        (TempData["Status"], TempData["StatusArgs"]) = SignInLinkStatus.Of(await signInMail.InviteAsync([personId], User, cancellationToken), readiness);
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostMoveAsync(int id, int personId, int targetWaveId, CancellationToken cancellationToken)
    {
        var member = await db.WaveMembers.SingleOrDefaultAsync(m => m.WaveId == id && m.PersonId == personId, cancellationToken);
        var target = await db.Waves.FindAsync([targetWaveId], cancellationToken);
        if (member is null || target is null || target.ProgrammeId != member.ProgrammeId)
        {
            return NotFound();
        }
        await membership.MoveAsync(member, target, User, cancellationToken);
        TempData["Status"] = "Person moved to another wave.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostRemoveAsync(int id, int personId, CancellationToken cancellationToken)
    {
        var member = await db.WaveMembers.SingleOrDefaultAsync(m => m.WaveId == id && m.PersonId == personId, cancellationToken);
        if (member is null)
        {
            return NotFound();
        }
        await membership.RemoveAsync(member, User, cancellationToken);
        TempData["Status"] = "Person removed from the wave.";
        return RedirectToPage(new { id });
    }

    /// <summary>The checks of a group's name, size and facilitator, for a new group and a changed one; the facilitator's id when there is one.</summary>
    private async Task<int?> CheckGroupAsync(Func<string, string> key, int members, int? keeping, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(NewGroup.Name))
        {
            ModelState.AddModelError(key(nameof(GroupInput.Name)), localizer["Give the group a name."]);
        }
        if (SizeError(NewGroup.Size, members) is { } sizeError)
        {
            ModelState.AddModelError(key(nameof(GroupInput.Size)), sizeError);
        }
        var facilitator = await DirectoryLookup.FindIfNamedAsync(db, NewGroup.FacilitatorEmail, cancellationToken, keeping);
        if (facilitator.Problem is { } unknownFacilitator)
        {
            ModelState.AddModelError(key(nameof(GroupInput.FacilitatorEmail)), localizer[unknownFacilitator]);
        }
        return facilitator.PersonId;
    }

    private string? SizeError(int size, int members) => RolloutGroup.WhyNotSize(size, members) switch
    {
        GroupSizeProblem.OutOfRange => localizer["Enter a number from {1} to {2}.", "", RolloutGroup.MinSize, RolloutGroup.MaxSize].Value,
        GroupSizeProblem.BelowMembers => localizer["The group already has {0} people; its size cannot be smaller.", members].Value,
        _ => null,
    };

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
        MemberCount = await db.WaveMembers.CountAsync(m => m.WaveId == id, cancellationToken);
        SignedInCount = await db.WaveMembers.CountAsync(m => m.WaveId == id && db.Users.Any(u => u.Email == m.Person.Email && u.LastSignInAtUtc != null), cancellationToken);
        Members = await MemberRows(db.WaveMembers.Where(m => m.WaveId == id)
            .OrderBy(m => m.RolloutGroup == null ? 1 : 0).ThenBy(m => m.RolloutGroup!.Name).ThenBy(m => m.Person.Unit.NamePath).ThenBy(m => m.Person.Name)
            .Take(MembersShown))
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

    public sealed record MemberRowView(MemberRow Row, MemberRowChoices Choices, string? Error);

    public class AddInput
    {
        public int? UnitId { get; set; }
        public bool LeadsOnly { get; set; }
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Emails { get; set; }
    }

    public class GroupInput
    {
        [StringLength(TextLimits.Name, ErrorMessage = "The name can be at most {1} characters long.")]
        public string? Name { get; set; }
        public int Size { get; set; } = RolloutGroup.DefaultSize;

        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        public string? FacilitatorEmail { get; set; }
    }
}

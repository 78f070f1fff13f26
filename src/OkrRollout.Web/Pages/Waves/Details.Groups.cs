using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Waves;

/// <summary>The wave's rollout groups: split it, add a group, change one.</summary>
public partial class DetailsModel
{
    [BindProperty]
    public GroupInput NewGroup { get; set; } = new();

    [BindProperty]
    public int GroupSize { get; set; } = RolloutGroup.DefaultSize;

    public const int GroupsPerPage = 25;

    /// <summary>The group whose row shows its edit form.</summary>
    [BindProperty(SupportsGet = true)]
    public int? EditGroup { get; set; }

    [BindProperty(SupportsGet = true)]
    public int GroupPage { get; set; } = 1;

    public int GroupPageCount => Math.Max(1, (Groups.Count + GroupsPerPage - 1) / GroupsPerPage);

    public IEnumerable<RolloutGroupRow> GroupsShown => Groups.Skip((GroupPage - 1) * GroupsPerPage).Take(GroupsPerPage);

    /// <summary>The page of groups that holds the one being edited, else the one asked for.</summary>
    private void ChooseGroupPage()
    {
        var editing = Groups.ToList().FindIndex(g => g.Id == EditGroup);
        GroupPage = editing >= 0 ? editing / GroupsPerPage + 1 : Math.Clamp(GroupPage, 1, GroupPageCount);
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
            EditGroup = groupId;
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

    public class GroupInput
    {
        [StringLength(TextLimits.Name, ErrorMessage = "The name can be at most {1} characters long.")]
        public string? Name { get; set; }
        public int Size { get; set; } = RolloutGroup.DefaultSize;

        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        public string? FacilitatorEmail { get; set; }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Waves;

/// <summary>Who is in the wave: add people, put them in a group, move or remove them, invite them.</summary>
public partial class DetailsModel
{
    [BindProperty]
    public AddInput Add { get; set; } = new();

    [BindProperty]
    public TrainedElsewhereInput TrainedElsewhere { get; set; } = new();

    /// <summary>Training held outside the tool: many members marked trained at once, with the reason (a stage correction each).</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostMarkTrainedAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Waves.FindAsync([id], cancellationToken) is not { } wave)
        {
            return NotFound();
        }
        var picked = await DirectoryLookup.FindListAsync(db, TrainedElsewhere.Emails, cancellationToken);
        var pickedIds = picked.Ids.ToList();
        var members = await db.WaveMembers.Where(m => m.WaveId == id && pickedIds.Contains(m.PersonId)).Select(m => m.PersonId).ToListAsync(cancellationToken);
        if (picked.Unknown.Count > 0)
        {
            ModelState.AddModelError("TrainedElsewhere.Emails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", picked.Unknown)]);
        }
        else if (picked.NothingTyped)
        {
            ModelState.AddModelError("TrainedElsewhere.Emails", localizer["Enter the e-mail addresses of the people who were trained."]);
        }
        else if (members.Count < pickedIds.Count)
        {
            var outside = await db.People.Where(p => pickedIds.Contains(p.Id) && !members.Contains(p.Id)).Select(p => p.Name).ToListAsync(cancellationToken);
            ModelState.AddModelError("TrainedElsewhere.Emails", localizer["Not in this wave: {0}", string.Join(", ", outside)]);
        }
        if (string.IsNullOrWhiteSpace(TrainedElsewhere.Reason))
        {
            ModelState.AddModelError("TrainedElsewhere.Reason", localizer["Say why, e.g. trained elsewhere or on leave."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var marked = await corrections.SetAsync(wave.ProgrammeId, members, OnboardingStage.Trained, TrainedElsewhere.Reason!, User, cancellationToken);
        TempData["Status"] = "{0} people marked as trained: {1}";
        TempData["StatusArgs"] = $"{marked}|{TrainedElsewhere.Reason!.Trim().Replace('|', '/')}";
        return RedirectToPage(new { id });
    }

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

    /// <summary>The members ticked in the list; the group they go to (none for "no group").</summary>
    [BindProperty]
    public List<int> PersonIds { get; set; } = [];

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAssignGroupAsync(int id, int? groupId, CancellationToken cancellationToken)
    {
        var group = groupId is null ? null : await db.RolloutGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.WaveId == id, cancellationToken);
        if (groupId is not null && group is null)
        {
            return NotFound();
        }
        if (await TickedAsync(id, cancellationToken) is not { } members)
        {
            return await PageWithErrorAsync(id, localizer["Tick the people first."], cancellationToken);
        }
        var result = await membership.AssignGroupAsync(members, group, User, cancellationToken);
        if (result.RoomLeft is { } room)
        {
            return await PageWithErrorAsync(id, localizer["{0} has {1} free places; {2} people were ticked. Nobody was moved.", group!.Name, room, members.Count], cancellationToken);
        }
        TempData["Status"] = group is null ? "{0} people taken out of their group." : "{0} people put in {1}.";
        TempData["StatusArgs"] = $"{result.Assigned}|{group?.Name.Replace('|', '/')}";
        return RedirectToList(id);
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

    /// <summary>A new personal sign-in link for each ticked member, e.g. those whose invitation link was used or has expired.</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostSendLinkAsync(int id, CancellationToken cancellationToken)
    {
        if (await TickedAsync(id, cancellationToken) is not { } members)
        {
            return await PageWithErrorAsync(id, localizer["Tick the people first."], cancellationToken);
        }
        (TempData["Status"], TempData["StatusArgs"]) = SignInLinkStatus.Of(await signInMail.InviteAsync(members.Select(m => m.PersonId).ToList(), User, cancellationToken), readiness);
        return RedirectToList(id);
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostMoveAsync(int id, int targetWaveId, CancellationToken cancellationToken)
    {
        var wave = await db.Waves.FindAsync([id], cancellationToken);
        var target = await db.Waves.FindAsync([targetWaveId], cancellationToken);
        if (wave is null || target is null || target.ProgrammeId != wave.ProgrammeId || target.Id == id)
        {
            return NotFound();
        }
        if (await TickedAsync(id, cancellationToken) is not { } members)
        {
            return await PageWithErrorAsync(id, localizer["Tick the people first."], cancellationToken);
        }
        await membership.MoveAsync(members, target, User, cancellationToken);
        TempData["Status"] = "{0} people moved to {1}.";
        TempData["StatusArgs"] = $"{members.Count}|{target.Name.Replace('|', '/')}";
        return RedirectToList(id);
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        if (await TickedAsync(id, cancellationToken) is not { } members)
        {
            return await PageWithErrorAsync(id, localizer["Tick the people first."], cancellationToken);
        }
        await membership.RemoveAsync(members, User, cancellationToken);
        TempData["Status"] = "{0} people removed from the wave.";
        TempData["StatusArgs"] = members.Count.ToString();
        return RedirectToList(id);
    }

    /// <summary>The ticked people who are members of this wave; null when none is ticked.</summary>
    private async Task<List<WaveMember>?> TickedAsync(int waveId, CancellationToken cancellationToken)
    {
        var ids = PersonIds.Distinct().ToList();
        var members = ids.Count == 0 ? [] : await db.WaveMembers.Where(m => m.WaveId == waveId && ids.Contains(m.PersonId)).ToListAsync(cancellationToken);
        return members.Count == 0 ? null : members;
    }

    private async Task<IActionResult> PageWithErrorAsync(int id, string error, CancellationToken cancellationToken)
    {
        ModelState.AddModelError("PersonIds", error);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Back to the list as it was: the same search, group and page.</summary>
    private RedirectToPageResult RedirectToList(int id) => RedirectToPage(List.RouteValues(id, List.PageNumber));

    public class TrainedElsewhereInput
    {
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Emails { get; set; }

        [StringLength(TextLimits.Reason, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Reason { get; set; }
    }

    public class AddInput
    {
        public int? UnitId { get; set; }
        public bool LeadsOnly { get; set; }
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Emails { get; set; }
    }
}

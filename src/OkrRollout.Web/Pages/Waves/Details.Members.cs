using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Htmx;
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

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training.Sessions;

/// <summary>What ambassadors do with a session: invite an audience, offer the next session to those who missed it, cancel it.</summary>
public partial class DetailsModel
{
    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostInviteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var language = await db.TrainingSessions.Where(s => s.Id == id).Select(s => s.Language).SingleAsync(cancellationToken);
        var audience = await audiences.ResolveAsync(new AudienceChoice(Invite.RolloutGroupId, Invite.WaveId, Invite.UnitId, Invite.Emails, Invite.AnyLanguage ? null : language), cancellationToken);
        if (audience.UnknownEmails.Count > 0)
        {
            ModelState.AddModelError("Invite.Emails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", audience.UnknownEmails)]);
        }
        else if (audience.PersonIds.Count == 0 && audience.OtherLanguage > 0)
        {
            ModelState.AddModelError("Invite.AnyLanguage", localizer["All {0} people you chose prefer another language than the session's. Invite them to a session in their language, or tick the box to invite them to this one anyway.", audience.OtherLanguage]);
        }
        else if (audience.PersonIds.Count == 0)
        {
            ModelState.AddModelError("Invite.Emails", localizer["Choose whom to invite."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var invited = await roster.InviteAsync(id, audience.PersonIds, User, cancellationToken);
        if (audience.OtherLanguage > 0)
        {
            TempData["Status"] = "{0} invited; people already on the roster were not invited again. {1} people who prefer another language than the session's were left out.";
            TempData["StatusArgs"] = $"{invited}|{audience.OtherLanguage}";
        }
        else
        {
            TempData["Status"] = "{0} invited; people already on the roster were not invited again.";
            TempData["StatusArgs"] = invited.ToString();
        }
        return RedirectToPage(new { id });
    }

    /// <summary>Takes one person off the roster before the session, with the e-mail that cancels their calendar event.</summary>
    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostUninviteAsync(int id, int personId, CancellationToken cancellationToken)
    {
        var name = await db.Enrollments.Where(e => e.SessionId == id && e.PersonId == personId).Select(e => e.Person.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }
        var result = await roster.UninviteAsync(id, personId, User, cancellationToken);
        TempData["Status"] = result.Refusal ?? "{0} was taken off the roster and told.";
        TempData["StatusArgs"] = name;
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostOfferNextAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var (next, invited) = await roster.OfferNextSessionAsync(id, User, cancellationToken);
        TempData["Status"] = next is null ? "There is no later session of the same kind and language yet." : "{0} no-shows and decliners were invited to the next session.";
        TempData["StatusArgs"] = invited.ToString();
        return next is null ? RedirectToPage(new { id }) : RedirectToPage(new { id = next.Id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostCancelSessionAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var told = await roster.CancelSessionAsync(id, User, cancellationToken);
        TempData["Status"] = "The session was cancelled; {0} people were told.";
        TempData["StatusArgs"] = told.ToString();
        return RedirectToPage(new { id });
    }

    public class InviteInput
    {
        public int? RolloutGroupId { get; set; }
        public int? WaveId { get; set; }
        public int? UnitId { get; set; }

        /// <summary>Also the people of the group, wave or unit whose language is not the session's.</summary>
        public bool AnyLanguage { get; set; }
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Emails { get; set; }
    }
}

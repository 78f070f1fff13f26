using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>The one-question pulse from the feedback e-mail's link: how useful was the session (1–5), and a comment.</summary>
[AllowAnonymous]
public class FeedbackModel(AppDbContext db, OrganisationTime time, Microsoft.Extensions.Localization.IStringLocalizer<OkrRollout.Web.Localization.SharedResource> localizer) : PageModel
{
    public Enrollment? Enrollment { get; private set; }
    public bool Saved { get; private set; }

    [BindProperty]
    [Range(1, 5, ErrorMessage = "Choose 1 to 5.")]
    public int? Score { get; set; }

    [BindProperty]
    [StringLength(2000, ErrorMessage = "The text can be at most {1} characters long.")]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Enrollment = await FindAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Enrollment = await FindAsync(token, cancellationToken);
        if (Enrollment is null)
        {
            return Page();
        }
        if (Score is null)
        {
            ModelState.AddModelError(nameof(Score), localizer["Choose 1 to 5."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var feedback = await db.SessionFeedback.SingleOrDefaultAsync(f => f.SessionId == Enrollment.SessionId && f.PersonId == Enrollment.PersonId, cancellationToken);
        if (feedback is null)
        {
            feedback = new SessionFeedback { SessionId = Enrollment.SessionId, PersonId = Enrollment.PersonId };
            db.SessionFeedback.Add(feedback);
        }
        feedback.Score = Score!.Value;
        feedback.Comment = Comment?.Trim() ?? "";
        feedback.CreatedAtUtc = time.NowUtc;
        await db.SaveChangesAsync(cancellationToken);
        Saved = true;
        return Page();
    }

    private Task<Enrollment?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SignInLinks.Hash(token);
        return db.Enrollments.AsNoTracking().Include(e => e.Session)
            .SingleOrDefaultAsync(e => e.ResponseTokenHash == hash && e.State == EnrollmentState.Attended, cancellationToken);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Outbox;

/// <summary>Every e-mail the app has queued: totals, filter by status, a preview, and retrying a failed one.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    /// <summary>
    /// The preview's own policy: an e-mail's styles are inline, which the app's policy forbids (and a
    /// srcdoc frame would inherit it), so the body is a document of its own that runs nothing, loads
    /// nothing and is shown only in a frame of this app.
    /// </summary>
    public const string BodyPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";

    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    public Dictionary<OutboxStatus, int> Totals { get; private set; } = [];
    public List<OutboxMessage> Messages { get; private set; } = [];
    public OutboxMessage? Preview { get; private set; }

    public async Task OnGetAsync(long? preview, CancellationToken cancellationToken)
    {
        Totals = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking();
        if (Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }
        Messages = await messages.OrderByDescending(m => m.Id).Take(PageSize).ToListAsync(cancellationToken);
        Preview = preview is null ? null : await FindMaskedAsync(preview.Value, cancellationToken);
    }

    /// <summary>The HTML body of the preview, framed by the page.</summary>
    public async Task<IActionResult> OnGetBodyAsync(long id, CancellationToken cancellationToken)
    {
        if (await FindMaskedAsync(id, cancellationToken) is not { } message)
        {
            return NotFound();
        }
        Response.Headers.ContentSecurityPolicy = BodyPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(message.HtmlBody, "text/html; charset=utf-8");
    }

    private async Task<OutboxMessage?> FindMaskedAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is not null)
        {
            // Another person's personal link would let the reader act as them (sign in as an Admin, say).
            message.TextBody = PersonalLinks.Mask(message.TextBody);
            message.HtmlBody = PersonalLinks.Mask(message.HtmlBody);
        }
        return message;
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var retried = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAtUtc, now).SetProperty(m => m.Attempts, 0), cancellationToken);
        if (retried == 1)
        {
            db.Audit(User, "outbox.retried", nameof(OutboxMessage), id);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Status"] = "The message will be sent again.";
        }
        return RedirectToPage(new { Status });
    }
}

using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Email;

/// <summary>
/// Writes outbox rows: many with one prepared statement inside the caller's transaction (queuing
/// thousands of invitations must take seconds, not minutes), or one with the caller's other changes
/// (<see cref="QueueOne"/>). Both start from <see cref="NewMessage"/>.
/// </summary>
public sealed class OutboxWriter(AppDbContext db, DateTime nowUtc) : IAsyncDisposable
{
    private readonly PreparedInsert<OutboxMessage> _insert = new(db,
        [nameof(OutboxMessage.CreatedAtUtc), nameof(OutboxMessage.DeduplicationKey), nameof(OutboxMessage.RecipientEmail), nameof(OutboxMessage.RecipientName),
         nameof(OutboxMessage.Language), nameof(OutboxMessage.Template), nameof(OutboxMessage.Subject), nameof(OutboxMessage.TextBody), nameof(OutboxMessage.HtmlBody),
         nameof(OutboxMessage.Calendar), nameof(OutboxMessage.Status), nameof(OutboxMessage.Attempts), nameof(OutboxMessage.NextAttemptAtUtc)]);

    public int Written { get; private set; }

    /// <summary>An e-mail as it is queued: pending, to be sent at once.</summary>
    public static OutboxMessage NewMessage(DateTime nowUtc, string? deduplicationKey, string email, string name, Language language, EmailTemplate template, RenderedEmail rendered, string? calendar) => new()
    {
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
        DeduplicationKey = deduplicationKey,
        RecipientEmail = email,
        RecipientName = name,
        Language = language,
        Template = template.ToString(),
        Subject = rendered.Subject,
        TextBody = rendered.Text,
        HtmlBody = rendered.Html,
        Calendar = calendar,
        Status = OutboxStatus.Pending,
    };

    /// <summary>Queues one e-mail, saved with the caller's other changes.</summary>
    /// <summary>Which of these deduplication keys are already in the outbox.</summary>
    public static async Task<HashSet<string>> QueuedKeysAsync(AppDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        (await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DeduplicationKey!)).Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken)).ToHashSet();

    public static void QueueOne(AppDbContext db, DateTime nowUtc, string? deduplicationKey, string email, string name, Language language, EmailTemplate template, RenderedEmail rendered, string? calendar = null) =>
        db.OutboxMessages.Add(NewMessage(nowUtc, deduplicationKey, email, name, language, template, rendered, calendar));

    public async Task AddAsync(string? deduplicationKey, string email, string name, Language language, EmailTemplate template, RenderedEmail rendered, string? calendar, CancellationToken cancellationToken)
    {
        var m = NewMessage(nowUtc, deduplicationKey, email, name, language, template, rendered, calendar);
        // Enums are stored by name (AppDbContext.ConfigureConventions).
        await _insert.ExecuteAsync(cancellationToken, m.CreatedAtUtc, m.DeduplicationKey, m.RecipientEmail, m.RecipientName, m.Language.ToString(), m.Template,
            m.Subject, m.TextBody, m.HtmlBody, m.Calendar, m.Status.ToString(), m.Attempts, m.NextAttemptAtUtc);
        Written++;
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}

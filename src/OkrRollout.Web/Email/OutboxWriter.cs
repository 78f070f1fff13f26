using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Email;

/// <summary>
/// Writes many outbox rows with one prepared statement inside the caller's transaction (queuing
/// thousands of invitations must take seconds, not minutes).
/// </summary>
public sealed class OutboxWriter(AppDbContext db, DateTime nowUtc) : IAsyncDisposable
{
    private readonly PreparedInsert<OutboxMessage> _insert = new(db,
        [nameof(OutboxMessage.CreatedAtUtc), nameof(OutboxMessage.DeduplicationKey), nameof(OutboxMessage.RecipientEmail), nameof(OutboxMessage.RecipientName),
         nameof(OutboxMessage.Language), nameof(OutboxMessage.Template), nameof(OutboxMessage.Subject), nameof(OutboxMessage.TextBody), nameof(OutboxMessage.HtmlBody),
         nameof(OutboxMessage.Calendar), nameof(OutboxMessage.Status), nameof(OutboxMessage.Attempts), nameof(OutboxMessage.NextAttemptAtUtc)]);

    public int Written { get; private set; }

    public async Task AddAsync(string? deduplicationKey, string email, string name, Language language, EmailTemplate template, RenderedEmail rendered, string? calendar, CancellationToken cancellationToken)
    {
        // Enums are stored by name (AppDbContext.ConfigureConventions).
        await _insert.ExecuteAsync(cancellationToken, nowUtc, deduplicationKey, email, name, language.ToString(), template.ToString(),
            rendered.Subject, rendered.Text, rendered.Html, calendar, nameof(OutboxStatus.Pending), 0, nowUtc);
        Written++;
    }

    public ValueTask DisposeAsync() => _insert.DisposeAsync();
}

using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Email;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public int BatchSize { get; set; } = 50;
    public int MaxAttempts { get; set; } = 8;
    public int FirstRetrySeconds { get; set; } = 30;
    public int MaxRetrySeconds { get; set; } = 3600;
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Messages claimed with one write; all of them must be sent within the lease.</summary>
    public int ClaimSize { get; set; } = 10;

    /// <summary>Dispatchers working side by side; an SMTP round trip is mostly waiting, so a few in parallel send several times faster.</summary>
    public int Parallelism { get; set; } = 4;
}

/// <param name="Contended">Messages that were due but another dispatcher claimed first.</param>
public readonly record struct DispatchResult(int Sent, int Retrying, int Failed, int Contended = 0);

/// <summary>
/// Sends pending outbox messages. Each message is claimed with a conditional UPDATE before it is
/// sent, so two dispatchers (threads or app instances on one database) never send the same message;
/// a claim whose lease ran out (the sender died) is taken over. A message becomes Sent only after
/// the server accepted it; a transient failure is retried with exponential back-off up to
/// MaxAttempts; a permanent one (5xx) fails at once, keeping the server's reason.
/// </summary>
public sealed class OutboxDispatcher(AppDbContext db, IEmailSender sender, SealedLinks links, OutboxOptions options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now) || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now))
            .OrderBy(m => m.Id).Take(options.BatchSize).Select(m => m.Id).ToListAsync(cancellationToken);

        int sent = 0, retrying = 0, failed = 0, contended = 0;
        // Claimed a few at a time: one write for several messages, and a lease short enough for them all.
        foreach (var chunk in candidates.Chunk(Math.Max(1, options.ClaimSize)))
        {
            var token = Guid.NewGuid();
            var claimedAt = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.OutboxMessages
                .Where(m => chunk.Contains(m.Id) && ((m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= claimedAt) || (m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < claimedAt)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimToken, token)
                    .SetProperty(m => m.ClaimedUntilUtc, claimedAt.AddSeconds(options.LeaseSeconds)), cancellationToken);
            contended += chunk.Length - claimed;
            if (claimed == 0)
            {
                continue;
            }
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(cancellationToken);
            foreach (var message in messages)
            {
                switch (await SendAsync(message, token, cancellationToken))
                {
                    case Outcome.Sent: sent++; break;
                    case Outcome.Retrying: retrying++; break;
                    default: failed++; break;
                }
            }
        }
        return new DispatchResult(sent, retrying, failed, contended);
    }

    private enum Outcome
    {
        Sent,
        Retrying,
        Failed,
    }

    /// <summary>Sends one claimed message and records how it went, as long as the claim is still ours.</summary>
    private async Task<Outcome> SendAsync(OutboxMessage message, Guid token, CancellationToken cancellationToken)
    {
        var id = message.Id;
        try
        {
            await sender.SendAsync(Opened(message), cancellationToken);
            await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == token).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.SentAtUtc, clock.GetUtcNow().UtcDateTime)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            return Outcome.Sent;
        }
        catch (EmailDeliveryException exception)
        {
            var attempts = message.Attempts + 1;
            var giveUp = exception.Permanent || attempts >= options.MaxAttempts;
            logger.LogWarning("Outbox message {Id} to {Recipient}: attempt {Attempt} failed{Final}: {Error}", id, message.RecipientEmail, attempts, giveUp ? " for good" : "", exception.Message);
            await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == token).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, Truncate(exception.Message, 2000))
                .SetProperty(m => m.NextAttemptAtUtc, clock.GetUtcNow().UtcDateTime + RetryDelay(attempts))
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            return giveUp ? Outcome.Failed : Outcome.Retrying;
        }
    }

    /// <summary>The message as it goes out, its personal links opened; one whose key is gone can never be sent.</summary>
    private EmailMessage Opened(OutboxMessage message)
    {
        try
        {
            return new EmailMessage(message.RecipientEmail, message.RecipientName, message.Subject, links.Open(message.TextBody), links.Open(message.HtmlBody), message.Calendar);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new EmailDeliveryException(SealedLinks.Unreadable, permanent: true, exception);
        }
    }

    /// <summary>
    /// Sends until nothing is due, with <see cref="OutboxOptions.Parallelism"/> dispatchers side by
    /// side, each with its own scope and database context; the claims keep them apart.
    /// </summary>
    public static async Task<DispatchResult> DrainAsync(IServiceScopeFactory scopes, int parallelism, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallelism)).Select(async _ =>
        {
            int sent = 0, retrying = 0, failed = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken);
                (sent, retrying, failed) = (sent + result.Sent, retrying + result.Retrying, failed + result.Failed);
                // Losing every claim to another dispatcher is no sign the outbox is empty.
                if (result.Sent == 0 && result.Contended == 0)
                {
                    break;
                }
            }
            return new DispatchResult(sent, retrying, failed);
        }));
        return new DispatchResult(results.Sum(r => r.Sent), results.Sum(r => r.Retrying), results.Sum(r => r.Failed));
    }

    /// <summary>30 s, 1 min, 2 min, … doubling up to the cap.</summary>
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(options.MaxRetrySeconds, options.FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

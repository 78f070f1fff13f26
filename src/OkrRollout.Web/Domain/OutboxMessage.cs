namespace OkrRollout.Web.Domain;

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change that caused it, so
/// a message is never lost and never sent for a change that was rolled back.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Makes queuing idempotent: the same key is queued once (e.g. one onboarding invitation per person and wave).</summary>
    public string? DeduplicationKey { get; set; }

    public required string RecipientEmail { get; set; }
    public string RecipientName { get; set; } = "";
    public Language Language { get; set; }
    public required string Template { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>An RFC 5545 calendar object (METHOD:REQUEST or CANCEL), if the message carries one.</summary>
    public string? Calendar { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>Who is sending it now and until when; a claim that outlives its lease is taken over.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
}

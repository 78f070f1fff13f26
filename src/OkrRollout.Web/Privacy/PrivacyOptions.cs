namespace OkrRollout.Web.Privacy;

/// <summary>How long the app keeps what it keeps (section "Privacy"); 0 days keeps it for ever.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Audit entries older than this are removed by the nightly retention job.</summary>
    public int AuditRetentionDays { get; set; } = 730;

    /// <summary>Sent and failed e-mails keep their subject, recipient and outcome; their bodies are removed after this.</summary>
    public int EmailBodyRetentionDays { get; set; } = 90;

    /// <summary>Someone deactivated this long ago is erased (pseudonymised).</summary>
    public int ErasureAfterDays { get; set; } = 365;

    /// <summary>Whether the nightly job erases people past <see cref="ErasureAfterDays"/>; otherwise an Admin does it from their page.</summary>
    public bool AutomaticErasure { get; set; } = true;
}

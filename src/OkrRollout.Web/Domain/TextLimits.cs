namespace OkrRollout.Web.Domain;

/// <summary>The longest text each kind of field takes: one place for the forms, the import and the database.</summary>
public static class TextLimits
{
    /// <summary>The longest address SMTP carries (RFC 5321).</summary>
    public const int Email = 254;

    /// <summary>A typed list of addresses: a few thousand people at once.</summary>
    public const int EmailList = 100_000;

    public const int Name = 200;
    public const int Reason = 1000;
    public const int Note = 2000;
    public const int Search = 200;
    public const int Password = 200;

    /// <summary>An identity provider's id for a person (Entra ID's and Okta's are far shorter).</summary>
    public const int ExternalId = 256;

    /// <summary>Values the app itself puts in links and hidden fields: return addresses, reset tokens, filter choices.</summary>
    public const int Link = 2048;
}

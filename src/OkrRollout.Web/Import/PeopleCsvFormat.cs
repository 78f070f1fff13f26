namespace OkrRollout.Web.Import;

/// <summary>The columns of the HR export we import and of the people export we write.</summary>
public static class PeopleCsvFormat
{
    public const string Email = "email";
    public const string Name = "name";
    public const string Unit = "unit";
    public const string Lead = "lead";
    public const string Language = "language";
    public const string ManagerEmail = "manager_email";

    public static readonly string[] Required = [Email, Name, Unit, Lead, Language];
    public static readonly string[] All = [.. Required, ManagerEmail];

    /// <summary>"E-mail", "Manager e-mail" and "manager_email" all name the same column.</summary>
    public static string Canonical(string header)
    {
        var compact = new string(header.Trim().ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        return compact switch
        {
            "email" => Email,
            "name" => Name,
            "unit" => Unit,
            "lead" => Lead,
            "language" => Language,
            "manageremail" => ManagerEmail,
            _ => header.Trim(),
        };
    }

    public static bool TryParseLead(string value, out bool isLead)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "1" or "x" or "kyllä" or "k":
                isLead = true;
                return true;
            case "false" or "no" or "0" or "" or "ei" or "e":
                isLead = false;
                return true;
            default:
                isLead = false;
                return false;
        }
    }
}

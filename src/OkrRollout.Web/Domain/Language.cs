namespace OkrRollout.Web.Domain;

public enum Language
{
    Fi,
    En,
}

public static class LanguageCodes
{
    public static string ToCode(this Language language) => language == Language.Fi ? "fi" : "en";

    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "fi":
                language = Language.Fi;
                return true;
            case "en":
                language = Language.En;
                return true;
            default:
                language = default;
                return false;
        }
    }
}

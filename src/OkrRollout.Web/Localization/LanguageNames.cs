using Microsoft.Extensions.Localization;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Localization;

public static class LanguageNames
{
    /// <summary>"Finnish" or "English" in the reader's language.</summary>
    public static LocalizedString NameOf(this IStringLocalizer localizer, Language language) =>
        localizer[language == Language.Fi ? "Finnish" : "English"];
}

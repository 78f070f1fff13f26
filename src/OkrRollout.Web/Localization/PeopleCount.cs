using Microsoft.Extensions.Localization;

namespace OkrRollout.Web.Localization;

public static class PeopleCount
{
    /// <summary>"1 person" or "{n} people", in the current language.</summary>
    public static LocalizedString PeopleCountOf(this IStringLocalizer localizer, int count) =>
        count == 1 ? localizer["1 person"] : localizer["{0:N0} people", count];
}

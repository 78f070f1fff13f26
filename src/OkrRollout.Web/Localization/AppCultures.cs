using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace OkrRollout.Web.Localization;

public static class AppCultures
{
    public static readonly CultureInfo English = CreateEnglish();
    public static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi");

    public static readonly CultureInfo[] Supported = [English, Finnish];

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(English, English);
        options.SupportedCultures = Supported;
        options.SupportedUICultures = Supported;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>The language of the request being answered (its UI culture).</summary>
    public static Domain.Language CurrentLanguage =>
        Domain.LanguageCodes.TryParse(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, out var language) ? language : Domain.Language.En;

    public static CultureInfo For(string code) => code == "fi" ? Finnish : English;

    // Neutral "en" would format dates the US way; our users are European, so borrow en-GB's formats.
    private static CultureInfo CreateEnglish()
    {
        var en = (CultureInfo)CultureInfo.GetCultureInfo("en").Clone();
        var gb = CultureInfo.GetCultureInfo("en-GB");
        en.DateTimeFormat = (DateTimeFormatInfo)gb.DateTimeFormat.Clone();
        en.NumberFormat = (NumberFormatInfo)gb.NumberFormat.Clone();
        return en;
    }
}

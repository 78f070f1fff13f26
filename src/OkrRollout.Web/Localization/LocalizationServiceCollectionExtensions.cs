using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace OkrRollout.Web.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>English and Finnish: the request's language from the cookie or the browser, and model binding's own messages in it.</summary>
    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(AppCultures.Configure);
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(ModelBindingMessages.Localize);
        // Finnish letters stay readable in the HTML instead of becoming character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}

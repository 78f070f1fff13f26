using Microsoft.AspNetCore.Mvc.Razor;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.Admin;
using OkrRollout.Web.Pages.Dashboard;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages;

public static class PagesServiceCollectionExtensions
{
    /// <summary>The screens: Razor Pages with each handler's own policy, localised views and messages, and what pages share.</summary>
    public static IServiceCollection AddAppPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages()
            .AddMvcOptions(o => o.Filters.Add<HandlerAuthorizationFilter>())
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddSingleton(configuration.GetSection(UnitPickerOptions.Section).Get<UnitPickerOptions>() ?? new());
        services.AddScoped<UnitPicker>();
        services.AddSingleton<DashboardCache>();
        services.AddSingleton<PageAccess>();
        return services;
    }
}

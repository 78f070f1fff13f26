using Microsoft.AspNetCore.Localization;

namespace OkrRollout.Web.Training;

public static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        // After the switcher's cookie, before the browser's languages.
        services.PostConfigure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(Math.Min(1, o.RequestCultureProviders.Count), new InviteeCulture()));
        return services
            .AddScoped<SessionMail>()
            .AddScoped<SessionRoster>()
            .AddScoped<InvitationAudience>()
            .AddScoped<WaveTrainingInvitations>()
            .AddScoped<CalendarFeeds>()
            .AddScoped<SessionFollowUps>()
            .AddScoped<TrainingAccess>();
    }
}

namespace OkrRollout.Web.Okr;

public static class OkrServiceCollectionExtensions
{
    public static IServiceCollection AddOkr(this IServiceCollection services) => services
        .AddScoped<OkrAccess>()
        .AddScoped<CheckInNudges>()
        .AddScoped<CheckInEscalations>();
}

namespace OkrRollout.Web.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Retention, erasure and the exports a data subject or a departing customer asks for.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>() ?? new());
        services.AddScoped<PersonDataExport>();
        services.AddScoped<PersonErasure>();
        services.AddScoped<Retention>();
        services.AddScoped<OrganisationExport>();
        return services;
    }
}

using Microsoft.AspNetCore.Authentication;

namespace OkrRollout.Web.Scim;

public static class ScimServiceCollectionExtensions
{
    /// <summary>Directory sync over SCIM: its bearer-token scheme and policy, its services and settings.</summary>
    public static IServiceCollection AddScim(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScimBearerHandler>(ScimBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ScimEndpoints.Policy, p => p.AddAuthenticationSchemes(ScimBearerHandler.SchemeName).RequireAuthenticatedUser());
        services.AddSingleton(configuration.GetSection(ScimOptions.Section).Get<ScimOptions>() ?? new());
        services.AddScoped<ScimTokens>();
        services.AddScoped<ScimUsers>();
        services.AddScoped<ScimGroups>();
        return services;
    }
}

using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OkrRollout.Web.Rollout;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>Wave membership, invitations, and the adoption figures; <see cref="StageFactTracker"/> watches every save of the database.</summary>
    public static IServiceCollection AddRollout(this IServiceCollection services) => services
        .AddSingleton<IInterceptor, StageFactTracker>()
        .AddScoped<WaveMembership>()
        .AddScoped<OnboardingInvitations>()
        .AddScoped<AdoptionFigures>()
        .AddScoped<StageRollups>()
        .AddScoped<AdoptionSnapshots>();
}

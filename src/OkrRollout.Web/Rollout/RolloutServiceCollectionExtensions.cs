namespace OkrRollout.Web.Rollout;

public static class RolloutServiceCollectionExtensions
{
    /// <summary>Who is in which wave and group, and the invitations that bring them in.</summary>
    public static IServiceCollection AddRollout(this IServiceCollection services) => services
        .AddScoped<WaveMembership>()
        .AddScoped<AmbassadorAgenda>()
        .AddScoped<OnboardingInvitations>();
}

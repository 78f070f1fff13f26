namespace OkrRollout.Web.Time;

public static class TimeServiceCollectionExtensions
{
    /// <summary>"Now" from the system clock and "today" in the organisation's time zone; tests replace the clock.</summary>
    public static IServiceCollection AddOrganisationTime(this IServiceCollection services) => services
        .AddSingleton(TimeProvider.System)
        .AddSingleton<OrganisationTime>();
}

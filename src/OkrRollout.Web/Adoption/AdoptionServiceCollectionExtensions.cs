using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OkrRollout.Web.Adoption;

public static class AdoptionServiceCollectionExtensions
{
    /// <summary>The adoption engine: stages and their roll-ups, figures, snapshots and milestones; <see cref="StageFactTracker"/> watches every save of the database.</summary>
    public static IServiceCollection AddAdoption(this IServiceCollection services) => services
        .AddSingleton<IInterceptor, StageFactTracker>()
        .AddScoped<StageCorrections>()
        .AddScoped<AdoptionFigures>()
        .AddScoped<StageRollupRefresher>()
        .AddScoped<AdoptionSnapshotTaker>();
}

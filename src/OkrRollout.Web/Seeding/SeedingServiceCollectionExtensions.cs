namespace OkrRollout.Web.Seeding;

public static class SeedingServiceCollectionExtensions
{
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services) => services.AddScoped<DemoSeeder>();
}

namespace OkrRollout.Web.Import;

public static class ImportServiceCollectionExtensions
{
    /// <summary>The people import, run one upload at a time in the background.</summary>
    public static IServiceCollection AddPeopleImport(this IServiceCollection services) => services
        .AddScoped<PeopleImporter>()
        .AddSingleton<PeopleImportQueue>()
        .AddHostedService<PeopleImportWorker>();
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;

namespace OkrRollout.Benchmarks;

/// <summary>The whole app in-process on a database of its own (see <see cref="BenchmarkDatabase"/>), for benchmarks that go through its services or pages.</summary>
public sealed class BenchmarkApp : WebApplicationFactory<Program>
{
    private readonly string _database;

    private readonly Dictionary<string, string> _settings;

    public BenchmarkApp(string database, Dictionary<string, string>? settings = null)
    {
        _settings = settings ?? [];
        _database = database;
        // Outside a test project the factory guesses the content root from the solution folder; tell it.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_OKRROLLOUT_WEB", Path.Combine(RepositoryRoot(), "src", "OkrRollout.Web"));
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OkrRollout.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in BenchmarkDatabase.Settings(_database))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Jobs:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

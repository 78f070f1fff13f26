using System.Net;
using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.ScaleOut;

/// <summary>
/// Two instances started at the same moment on one empty PostgreSQL database: one migrates and loads
/// the demo, the other waits for it and finds the work done. Both come up.
/// </summary>
public sealed class StartupAcrossInstancesTests : IDisposable
{
    private readonly AppFactory _first = Instance();
    private readonly AppFactory _second = Instance();

    public StartupAcrossInstancesTests()
    {
        _second.ShareDatabaseOf(_first);
    }

    // With the schedulers on, as in production: each also sets up the clustered job store's tables.
    private static AppFactory Instance()
    {
        var instance = new AppFactory();
        instance.Settings["Jobs:Enabled"] = "true";
        return instance;
    }

    [PostgreSqlFact]
    public async Task Two_instances_starting_at_once_on_an_empty_database_both_start_and_seed_it_once()
    {
        using var start = new Barrier(2);
        HttpClient Start(AppFactory instance)
        {
            start.SignalAndWait();
            return instance.CreateClient();
        }
        var clients = await Task.WhenAll(Task.Run(() => Start(_first)), Task.Run(() => Start(_second)));

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        var (programmes, roles) = await _first.WithDbAsync(async db => (await db.Programmes.CountAsync(), await db.Roles.CountAsync()));
        Assert.Equal(1, programmes);
        Assert.Equal(OkrRollout.Web.Security.Roles.All.Length, roles);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}

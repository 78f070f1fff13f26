using System.Net;
using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.ScaleOut;

/// <summary>
/// Two instances started at the same moment on one empty PostgreSQL database: one migrates and loads
/// the demo, the other waits for it and finds the work done. Both come up.
/// </summary>
public sealed class StartupAcrossInstancesTests : IDisposable
{
    // With the schedulers on, as in production: each also sets up the clustered job store's tables.
    private readonly TwoInstances _instances = new(instance => instance.Settings["Jobs:Enabled"] = "true");

    [PostgreSqlFact]
    public async Task Two_instances_starting_at_once_on_an_empty_database_both_start_and_seed_it_once()
    {
        using var start = new Barrier(2);
        HttpClient Start(AppFactory instance)
        {
            start.SignalAndWait();
            return instance.CreateClient();
        }
        var clients = await Task.WhenAll(Task.Run(() => Start(_instances.First)), Task.Run(() => Start(_instances.Second)));

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
        var (programmes, roles) = await _instances.First.WithDbAsync(async db => (await db.Programmes.CountAsync(), await db.Roles.CountAsync()));
        Assert.Equal(1, programmes);
        Assert.Equal(OkrRollout.Web.Security.Roles.All.Length, roles);
    }

    public void Dispose()
    {
        _instances.Dispose();
    }
}

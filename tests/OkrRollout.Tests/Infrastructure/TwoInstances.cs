namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// Two app instances on one database, as behind a load balancer: the second runs on the first's
/// database. Each is configured alike before it starts; they are disposed together.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    public TwoInstances(Action<AppFactory>? configure = null)
    {
        configure?.Invoke(First);
        configure?.Invoke(Second);
        Second.ShareDatabaseOf(First);
    }

    public AppFactory First { get; } = new();

    public AppFactory Second { get; } = new();

    /// <summary>Both on real loopback ports, first then second.</summary>
    public void StartServers()
    {
        foreach (var instance in new[] { First, Second })
        {
            instance.UseKestrel(0);
            instance.StartServer();
        }
    }

    public void Dispose()
    {
        Second.Dispose();
        First.Dispose();
    }
}

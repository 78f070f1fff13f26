using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace OkrRollout.Tests.ScaleOut;

/// <summary>
/// Two app instances with their schedulers on, one PostgreSQL database: the job store is clustered,
/// so a trigger fires on one instance only, whichever takes it.
/// </summary>
public sealed class ClusteredJobsTests : IDisposable
{
    private readonly TwoInstances _instances = new(Configure);

    private static void Configure(AppFactory instance)
    {
        instance.Settings["Jobs:Enabled"] = "true";
        instance.Settings["Jobs:ClusterCheckinSeconds"] = "1";
        instance.TestServices.Add(services => services.AddQuartz(q => q.ScheduleJob<FiringRecorder>(
            // Every whole second: schedulers that did not share a store would each fire at the same instants.
            trigger => trigger.WithIdentity("recorder-trigger").WithCronSchedule("* * * * * ?"),
            job => job.WithIdentity("recorder"))));
    }

    [PostgreSqlFact]
    public async Task Each_firing_of_a_trigger_runs_on_one_instance_only()
    {
        _instances.StartServers();

        var schedulers = await WaitForAsync(() => _instances.First.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT instance_name AS \"Value\" FROM qrtz_scheduler_state").ToListAsync()), s => s.Count == 2);
        var firings = await WaitForAsync(() => Task.FromResult(FiringRecorder.Firings.ToList()), f => f.Count >= 5);

        Assert.Equal(2, schedulers.Count);
        Assert.True(firings.Count >= 5, $"the recorder fired {firings.Count} times");
        var twice = firings.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => $"{g.Key:O} on {string.Join(", ", g.Select(f => f.Instance))}").ToList();
        Assert.True(twice.Count == 0, "fired more than once: " + string.Join("; ", twice));
    }

    [PostgreSqlFact]
    public async Task An_instance_started_with_a_new_schedule_replaces_the_stored_one()
    {
        _instances.First.Settings["Jobs:AdoptionSnapshotCron"] = "0 30 2 * * ?";
        _instances.First.UseKestrel(0);
        _instances.First.StartServer();

        // As when the settings change and instances are restarted one by one.
        _instances.Second.Settings["Jobs:AdoptionSnapshotCron"] = "0 45 3 * * ?";
        _instances.Second.UseKestrel(0);
        _instances.Second.StartServer();

        var triggers = await WaitForAsync(
            () => _instances.Second.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT trigger_name AS \"Value\" FROM qrtz_triggers WHERE job_name = 'adoption-snapshot'").ToListAsync()),
            t => t.Count == 1);
        Assert.Equal(["adoption-snapshot 0 45 3 * * ?"], triggers);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var waited = 0; !done(value) && waited < 300; waited++)
        {
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }

    public sealed class FiringRecorder : IJob
    {
        public static ConcurrentBag<(string Instance, DateTimeOffset Scheduled)> Firings { get; } = [];

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Firings.Add((context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc!.Value));
            return ValueTask.CompletedTask;
        }
    }

    public void Dispose()
    {
        _instances.Dispose();
    }
}

using OkrRollout.Web.Data;
using Quartz;

namespace OkrRollout.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The scheduled work (Quartz): sending the outbox, session follow-ups, the nightly snapshot, check-in nudges, retention; none when Jobs:Enabled is false.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
        {
            return services;
        }
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:OutboxDispatchSeconds", 5));
        var schedule = new JobSchedule();
        services.AddSingleton(schedule);
        services.AddQuartz(q =>
        {
            UseClusteredStoreOnPostgreSql(q, configuration);
            schedule.Add<OutboxDispatchJob>(q, OutboxDispatchJob.Key, $"every {interval.TotalSeconds} s",
                trigger => trigger.StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
            schedule.AddCron<SessionFollowUpJob>(q, SessionFollowUpJob.Key, configuration.GetValue("Jobs:SessionFollowUpCron", "0 5 * * * ?")!);
            schedule.AddCron<AdoptionSnapshotJob>(q, AdoptionSnapshotJob.Key, configuration.GetValue("Jobs:AdoptionSnapshotCron", "0 30 2 * * ?")!);
            schedule.AddCron<CheckInNudgeJob>(q, CheckInNudgeJob.Key, configuration.GetValue("Jobs:CheckInNudgeCron", "0 0 8 ? * MON")!);
            schedule.AddCron<RetentionJob>(q, RetentionJob.Key, configuration.GetValue("Jobs:RetentionCron", "0 0 3 * * ?")!);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // A starting instance leaves the stored triggers alone: replacing one resets its schedule, and
        // another instance could then run again what it has just run. A changed schedule is a trigger
        // of another name (JobSchedule), and the ones of earlier schedules are removed after the start.
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddHostedService<JobSchedule.EarlierSchedulesRemoval>();
        return services;
    }

    /// <summary>
    /// On PostgreSQL the schedule lives in the database and every instance joins one cluster, so each
    /// trigger fires on one instance only. SQLite keeps the in-memory store: there, jobs run on one
    /// instance (Jobs:Enabled=false on the others; README "Running at scale").
    /// </summary>
    private static void UseClusteredStoreOnPostgreSql(IQuartzBuilder quartz, IConfiguration configuration)
    {
        if (DatabaseServiceCollectionExtensions.DatabaseSettings.EngineOf(configuration) != DatabaseEngine.PostgreSql)
        {
            return;
        }
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(configuration.GetConnectionString("Default")!);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:ClusterCheckinSeconds", 15)));
            store.ProvisionSchema();
        });
    }
}

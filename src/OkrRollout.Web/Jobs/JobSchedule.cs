using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>
/// The app's jobs and their triggers. A trigger is named after its schedule ("adoption-snapshot 0 30 2 * * ?"),
/// so with a persistent store an instance starting with the same settings finds it already there and
/// leaves it as it is, and one starting with a new schedule adds a new trigger.
/// </summary>
public sealed class JobSchedule
{
    private readonly List<(JobKey Job, TriggerKey Trigger)> _triggers = [];

    public IReadOnlyList<(JobKey Job, TriggerKey Trigger)> Triggers => _triggers;

    public void Add<TJob>(IQuartzBuilder quartz, JobKey job, string schedule, Action<ITriggerConfigurator<TJob>> configure) where TJob : IJob
    {
        var trigger = new TriggerKey($"{job.Name} {schedule}");
        quartz.ScheduleJob<TJob>(t => configure(t.WithIdentity(trigger)), j => j.WithIdentity(job));
        _triggers.Add((job, trigger));
    }

    public void AddCron<TJob>(IQuartzBuilder quartz, JobKey job, string cron) where TJob : IJob =>
        Add<TJob>(quartz, job, cron, t => t.WithCronSchedule(cron));

    /// <summary>After the scheduler has started: removes the app's jobs' triggers of schedules no longer configured.</summary>
    public sealed class EarlierSchedulesRemoval(ISchedulerFactory schedulers, JobSchedule schedule, ILogger<EarlierSchedulesRemoval> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            foreach (var job in schedule.Triggers.Select(t => t.Job).Distinct())
            {
                var current = schedule.Triggers.Where(t => t.Job.Equals(job)).Select(t => t.Trigger).ToHashSet();
                foreach (var trigger in await scheduler.GetTriggersOfJob(job, cancellationToken))
                {
                    if (!current.Contains(trigger.Key))
                    {
                        logger.LogInformation("Job {Job}: removing the trigger of an earlier schedule, {Trigger}", job, trigger.Key);
                        await scheduler.UnscheduleJob(trigger.Key, cancellationToken);
                    }
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

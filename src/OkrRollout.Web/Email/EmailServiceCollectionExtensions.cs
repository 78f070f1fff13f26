using OkrRollout.Web.Jobs;
using Quartz;

namespace OkrRollout.Web.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmailAndJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var email = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        services.AddSingleton(email);
        services.AddSingleton(configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions());
        if (string.Equals(email.Transport, "Smtp", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<EmailTemplates>();
        services.AddScoped<Rollout.OnboardingInvitations>();
        services.AddScoped<Security.SignInLinks>();
        services.AddScoped<Okr.CheckInNudges>();
        services.AddSingleton<Training.OrganisationTime>();
        services.AddScoped<Training.SessionMail>();
        services.AddScoped<Training.Enrollments>();
        services.AddScoped<Training.SessionFollowUps>();
        services.AddScoped<Training.TrainingAccess>();
        services.AddScoped<Rollout.AdoptionSnapshots>();

        if (configuration.GetValue("Jobs:Enabled", true))
        {
            var interval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:OutboxDispatchSeconds", 5));
            var nudgeCron = configuration.GetValue("Jobs:CheckInNudgeCron", "0 0 8 ? * MON")!;
            services.AddQuartz(q =>
            {
                UseClusteredStoreOnPostgreSql(q, configuration);
                q.ScheduleJob<OutboxDispatchJob>(
                    trigger => trigger.WithIdentity("outbox-dispatch-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()),
                    job => job.WithIdentity(OutboxDispatchJob.Key));
                q.ScheduleJob<SessionFollowUpJob>(
                    trigger => trigger.WithIdentity("session-follow-up-trigger").WithCronSchedule(configuration.GetValue("Jobs:SessionFollowUpCron", "0 5 * * * ?")!),
                    job => job.WithIdentity(SessionFollowUpJob.Key));
                q.ScheduleJob<AdoptionSnapshotJob>(
                    trigger => trigger.WithIdentity("adoption-snapshot-trigger").WithCronSchedule(configuration.GetValue("Jobs:AdoptionSnapshotCron", "0 30 2 * * ?")!),
                    job => job.WithIdentity(AdoptionSnapshotJob.Key));
                q.ScheduleJob<CheckInNudgeJob>(
                    trigger => trigger.WithIdentity("check-in-nudge-trigger").WithCronSchedule(nudgeCron),
                    job => job.WithIdentity(CheckInNudgeJob.Key));
            });
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        return services;
    }

    /// <summary>
    /// On PostgreSQL the schedule lives in the database and every instance joins one cluster, so each
    /// trigger fires on one instance only. SQLite keeps the in-memory store: there, jobs run on one
    /// instance (Jobs:Enabled=false on the others; README "Running at scale").
    /// </summary>
    private static void UseClusteredStoreOnPostgreSql(IQuartzBuilder quartz, IConfiguration configuration)
    {
        if (configuration.GetValue("Database:Engine", Data.DatabaseEngine.Sqlite) != Data.DatabaseEngine.PostgreSql)
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

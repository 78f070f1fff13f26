using OkrRollout.Web.Privacy;
using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>Nightly: removes what is past its retention and erases people who left long enough ago (<see cref="Retention"/>).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(Retention retention, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var result = await retention.ApplyAsync(cancellationToken);
            logger.LogInformation("Retention: {Audit} audit entries and {Bodies} e-mail bodies removed, {Erased} people erased", result.AuditEntriesRemoved, result.EmailBodiesRemoved, result.PeopleErased);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Retention failed");
        }
    }
}

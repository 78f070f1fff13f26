using OkrRollout.Web.Okr;
using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>Once a week (Monday morning by default): nudge owners of key results that have gone quiet, then tell the line above of those quiet for weeks.</summary>
[DisallowConcurrentExecution]
public sealed class CheckInNudgeJob(CheckInNudges nudges, CheckInEscalations escalations, ILogger<CheckInNudgeJob> logger) : IJob
{
    public static readonly JobKey Key = new("check-in-nudge");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var queued = await nudges.QueueAsync(cancellationToken);
            var escalated = await escalations.QueueAsync(cancellationToken);
            logger.LogInformation("Queued {Count} check-in nudges and {Escalated} reports to leads and managers", queued, escalated);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Check-in nudges failed");
        }
    }
}

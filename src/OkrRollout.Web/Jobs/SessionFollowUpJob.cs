using OkrRollout.Web.Training;
using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>Hourly: reminders for tomorrow's sessions and feedback requests for the ones that ended.</summary>
[DisallowConcurrentExecution]
public sealed class SessionFollowUpJob(SessionFollowUps followUps, ILogger<SessionFollowUpJob> logger) : IJob
{
    public static readonly JobKey Key = new("session-follow-up");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var reminders = await followUps.QueueRemindersAsync(cancellationToken);
            var feedback = await followUps.QueueFeedbackRequestsAsync(cancellationToken);
            logger.LogInformation("Queued {Reminders} session reminders and {Feedback} feedback requests", reminders, feedback);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Session follow-ups failed");
        }
    }
}

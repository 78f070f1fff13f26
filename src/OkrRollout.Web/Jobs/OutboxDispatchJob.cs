using OkrRollout.Web.Email;
using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>Every few seconds: send what is pending. Never two at once in one scheduler.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, ILogger<OutboxDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            DispatchResult result;
            do
            {
                result = await dispatcher.DispatchAsync(cancellationToken);
            }
            while (result.Sent > 0 && !cancellationToken.IsCancellationRequested);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged and swallowed: a failing run must not stop the schedule or the other jobs.
            logger.LogError(exception, "Outbox dispatch failed");
        }
    }
}

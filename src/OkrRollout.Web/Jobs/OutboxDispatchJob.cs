using OkrRollout.Web.Email;
using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>Every few seconds: send what is due. Never two runs at once in one scheduler.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(IServiceScopeFactory scopes, OutboxOptions options, ILogger<OutboxDispatchJob> logger) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await OutboxDispatcher.DrainAsync(scopes, options.Parallelism, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Logged and swallowed: a failing run must not stop the schedule or the other jobs.
            logger.LogError(exception, "Outbox dispatch failed");
        }
    }
}

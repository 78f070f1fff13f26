using OkrRollout.Web.Adoption;
using Quartz;

namespace OkrRollout.Web.Jobs;

/// <summary>Nightly: the adoption figures per programme and wave, for trends.</summary>
[DisallowConcurrentExecution]
public sealed class AdoptionSnapshotJob(AdoptionSnapshotTaker snapshots, ILogger<AdoptionSnapshotJob> logger) : IJob
{
    public static readonly JobKey Key = new("adoption-snapshot");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var waves = await snapshots.TakeAsync(cancellationToken);
            logger.LogInformation("Adoption snapshot taken for {Waves} waves", waves);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Adoption snapshot failed");
        }
    }
}

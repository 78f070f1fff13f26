using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

/// <summary>Confirmed imports wait here; the worker runs them one at a time and reports progress.</summary>
public sealed class PeopleImportQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, ImportProgress> _progress = new();

    public ValueTask EnqueueAsync(Guid importId, CancellationToken cancellationToken)
    {
        _progress[importId] = new ImportProgress(0, 0);
        return _channel.Writer.WriteAsync(importId, cancellationToken);
    }

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public void Report(Guid importId, ImportProgress progress) => _progress[importId] = progress;

    public ImportProgress? ProgressOf(Guid importId) => _progress.TryGetValue(importId, out var progress) ? progress : null;

    public void Forget(Guid importId) => _progress.TryRemove(importId, out _);
}

public sealed class PeopleImportWorker(PeopleImportQueue queue, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<PeopleImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailInterruptedImportsAsync(stoppingToken);
        await foreach (var importId in queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(importId, stoppingToken);
        }
    }

    // An import that was running when the app stopped rolled back with its transaction.
    private async Task FailInterruptedImportsAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.PeopleImports.Where(i => i.Status == PeopleImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, PeopleImportStatus.Failed).SetProperty(i => i.Error, ImportMessages.Interrupted), cancellationToken);
    }

    private async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var import = await db.PeopleImports.AsNoTracking().SingleAsync(i => i.Id == importId, cancellationToken);
        PeopleImportStatus status;
        string? error = null;
        int added = 0, updated = 0, deactivated = 0;
        try
        {
            var file = PeopleCsvReader.Read(import.Content, PeopleImportLimits.MaxFileBytes(configuration));
            var importer = scope.ServiceProvider.GetRequiredService<PeopleImporter>();
            var plan = await importer.ApplyAsync(file, import.DeactivateMissing, import.UploadedBy, new QueueProgress(queue, importId), cancellationToken);
            status = plan.IsValid ? PeopleImportStatus.Completed : PeopleImportStatus.Failed;
            error = plan.IsValid ? null : ImportMessages.DirectoryChanged;
            (added, updated, deactivated) = (plan.Added.Count, plan.Updated.Count, plan.Deactivated.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "People import {ImportId} failed", importId);
            status = PeopleImportStatus.Failed;
            error = exception.Message;
        }

        await db.PeopleImports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, status)
            .SetProperty(i => i.Error, error)
            .SetProperty(i => i.Added, added)
            .SetProperty(i => i.Updated, updated)
            .SetProperty(i => i.Deactivated, deactivated)
            .SetProperty(i => i.FinishedAtUtc, clock.GetUtcNow().UtcDateTime)
            .SetProperty(i => i.Content, Array.Empty<byte>()), cancellationToken);
        queue.Forget(importId);
    }

    /// <summary>Reports straight away; <see cref="Progress{T}"/> would post to the thread pool and could report out of order.</summary>
    private sealed class QueueProgress(PeopleImportQueue queue, Guid importId) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => queue.Report(importId, value);
    }
}

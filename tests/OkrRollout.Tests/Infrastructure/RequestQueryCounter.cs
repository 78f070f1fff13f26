using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// Counts the database commands run while answering requests to one path, so a test can state how
/// much a handler reads. Commands of background work (the outbox, Quartz) have no request and are not counted.
/// </summary>
public sealed class RequestQueryCounter(IHttpContextAccessor requests) : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byPath = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The commands' SQL, in the order they ran.</summary>
    public IReadOnlyList<string> For(string path) => _byPath.TryGetValue(path, out var commands) ? [.. commands] : [];

    public void Reset() => _byPath.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Count(DbCommand command)
    {
        if (requests.HttpContext?.Request.Path.Value is { } path)
        {
            _byPath.GetOrAdd(path, _ => new ConcurrentQueue<string>()).Enqueue(command.CommandText);
        }
    }
}

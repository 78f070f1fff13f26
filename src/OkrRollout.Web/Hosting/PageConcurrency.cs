using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OkrRollout.Web.Hosting;

/// <summary>
/// How many page requests run at once (Server:ConcurrentPages; 4 per processor when unset). The rest
/// wait in order, holding nothing. A page is CPU work on a few cores: fifty rendered side by side finish
/// no sooner than fifty in turn, but each holds its query results and its buffered HTML until the end,
/// so at 50 connections memory grew with the connections instead of with the cores (load.sh: roster).
/// Static files and the health check are not counted.
/// </summary>
public static class PageConcurrency
{
    public const string Policy = "pages";

    internal static IServiceCollection AddPageConcurrencyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue<int?>("Server:ConcurrentPages") ?? 4 * Environment.ProcessorCount;
        var queue = configuration.GetValue<int?>("Server:QueuedPages") ?? 5_000;
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.AddConcurrencyLimiter(Policy, limiter =>
            {
                limiter.PermitLimit = permits;
                limiter.QueueLimit = queue;
                limiter.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
    }
}

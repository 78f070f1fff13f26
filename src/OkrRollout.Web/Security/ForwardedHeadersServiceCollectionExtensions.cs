using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OkrRollout.Web.Security;

public static class ForwardedHeadersServiceCollectionExtensions
{
    /// <summary>
    /// Behind a reverse proxy (ForwardedHeaders:Enabled): the client's address and scheme come from
    /// X-Forwarded-For and X-Forwarded-Proto, trusted only from the proxies and networks listed in
    /// ForwardedHeaders:KnownProxies and ForwardedHeaders:KnownNetworks (comma-separated; loopback when none).
    /// </summary>
    public static IServiceCollection AddAppForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in List(configuration["ForwardedHeaders:KnownProxies"]))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in List(configuration["ForwardedHeaders:KnownNetworks"]))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    private static string[] List(string? value) => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

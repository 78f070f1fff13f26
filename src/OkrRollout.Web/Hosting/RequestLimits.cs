using Microsoft.AspNetCore.Http.Features;

namespace OkrRollout.Web.Hosting;

/// <summary>
/// How large a request body may be (Server:MaxRequestBodyBytes; 1 MiB when unset): in Kestrel, and for
/// forms on any server. The largest form is a pasted list of e-mail addresses, a few hundred kilobytes;
/// Kestrel's own 30 MB let any page take that much. The people import raises the limits for itself
/// (<see cref="Pages.People.Import.PeopleUploadLimitsAttribute"/>).
/// </summary>
public static class RequestLimits
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    internal static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var max = builder.Configuration.GetValue<long?>("Server:MaxRequestBodyBytes") ?? DefaultMaxBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = max);
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = max;
            form.ValueLengthLimit = (int)Math.Min(max, int.MaxValue);
        });
        return builder;
    }
}

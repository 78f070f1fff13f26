namespace OkrRollout.Web.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>How the app runs as a server: JSON logs outside development, request body and page concurrency limits.</summary>
    public static WebApplicationBuilder AddAppHosting(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole();
        }
        builder.AddRequestLimits();
        builder.Services.AddPageConcurrencyLimit(builder.Configuration);
        return builder;
    }
}

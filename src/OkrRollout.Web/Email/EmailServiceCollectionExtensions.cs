namespace OkrRollout.Web.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Writing e-mails (templates, links, the outbox) and sending them by SMTP or to the pickup folder (Email:Transport).</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var email = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        services.AddSingleton(email);
        services.AddSingleton(configuration.GetSection(OutboxOptions.Section).Get<OutboxOptions>() ?? new OutboxOptions());
        if (string.Equals(email.Transport, "Smtp", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<EmailTemplates>();
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<SealedLinks>();
        services.AddSingleton<MailReadiness>();
        return services;
    }
}

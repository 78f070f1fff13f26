using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Privacy;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using static OkrRollout.Web.Data.DatabaseServiceCollectionExtensions;

namespace OkrRollout.Web.Pages.Admin;

/// <summary>
/// The data-processing description a works council or a co-operation negotiation is given: what the
/// app stores and why, who sees what, how long it is kept and where, all from the running
/// configuration and the pages' own access rules. ?culture=fi or en shows it in that language
/// without changing the reader's own.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class DataProcessingModel(
    AppDbContext db,
    PageAccess access,
    IConfiguration configuration,
    OrganisationTime time,
    PrivacyOptions privacy,
    AccountOptions account,
    EmailOptions email,
    SingleSignOnOptions sso,
    DatabaseSettings database,
    IHostEnvironment environment) : PageModel, IAsyncResultFilter
{
    public string Organisation => email.OrganisationName;
    public DateTime GeneratedAtUtc { get; private set; }
    public string TimeZone => time.Zone.Id;
    public string? Version { get; } = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public IReadOnlyList<DataCategory> Categories => DataCatalogue.Categories;
    public IReadOnlyList<PageAccess.PageRule> Pages { get; private set; } = [];
    public IReadOnlyList<string> DashboardRoles { get; private set; } = [];
    public IReadOnlyList<string> DrillDownRoles { get; private set; } = [];
    public IReadOnlyList<string> AggregatesOnlyRoles => [.. DashboardRoles.Except(DrillDownRoles)];
    public int MinimumGroupSize { get; private set; }

    public PrivacyOptions Retention => privacy;
    public AccountOptions Account => account;
    public SingleSignOnOptions SingleSignOn => sso;

    /// <summary>The provider's address without anything that could carry a credential (user info, query).</summary>
    public string? SingleSignOnIssuer => sso.Enabled && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var issuer) ? issuer.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : null;
    public Storage Stored { get; private set; } = null!;
    public int ScimTokens { get; private set; }

    /// <summary>The language the description is shown in, and the other one, for the link to it.</summary>
    public Language Shown { get; private set; }
    public Language Other => Shown == Language.Fi ? Language.En : Language.Fi;

    /// <summary>Where the data is; never a password or secret.</summary>
    public sealed record Storage(DatabaseEngine Engine, string DatabaseLocation, bool Smtp, string MailLocation, string? SmtpSecurity);

    public async Task OnGetAsync(string? culture, CancellationToken cancellationToken)
    {
        Shown = LanguageCodes.TryParse(culture ?? "", out var asked) ? asked : AppCultures.CurrentLanguage;
        GeneratedAtUtc = time.NowUtc;
        Pages = await access.PagesAsync(typeof(Program).Assembly);
        DashboardRoles = await access.RolesForAsync(typeof(Dashboard.IndexModel).GetCustomAttribute<AuthorizeAttribute>()?.Policy);
        DrillDownRoles = await access.RolesForHandlerAsync(typeof(Dashboard.IndexModel), nameof(Dashboard.IndexModel.OnGetPeopleAsync));
        MinimumGroupSize = Dashboard.IndexModel.MinimumGroupSizeIn(configuration);
        Stored = new(database.Engine, DatabaseLocation(), IsSmtp, MailLocation(), IsSmtp ? SmtpSecurity() : null);
        ScimTokens = await db.ScimTokens.CountAsync(t => t.RevokedAtUtc == null, cancellationToken);
    }

    /// <summary>Renders in the language asked for: the view and its layout read the culture as they render, after the handler.</summary>
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (Shown != AppCultures.CurrentLanguage)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = AppCultures.For(Shown.ToCode());
        }
        try
        {
            await next();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private bool IsSmtp => string.Equals(email.Transport, "Smtp", StringComparison.OrdinalIgnoreCase);

    private string DatabaseLocation()
    {
        if (database.Engine == DatabaseEngine.PostgreSql)
        {
            var postgres = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
            return $"{postgres.Host}:{postgres.Port} / {postgres.Database}";
        }
        return new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
    }

    private string MailLocation() => IsSmtp
        ? $"{email.SmtpHost}:{email.SmtpPort}"
        : Path.GetFullPath(email.PickupDirectory, environment.ContentRootPath);

    private string SmtpSecurity() => email.SmtpSslOnConnect ? "TLS" : email.SmtpEnableSsl ? "STARTTLS" : "";
}

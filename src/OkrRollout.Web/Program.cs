using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using OkrRollout.Web.Data;
using OkrRollout.Web.Data.Seeding;
using OkrRollout.Web.Email;
using OkrRollout.Web.Hosting;
using OkrRollout.Web.Import;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;

var builder = WebApplication.CreateBuilder(args);

if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole();
}

builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddAppIdentity(builder.Configuration);
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.Member, p => p.RequireAuthenticatedUser())
    .AddPolicy(Policies.Leader, p => p.RequireRole(Roles.Admin, Roles.Ambassador, Roles.Leader))
    .AddPolicy(Policies.Ambassador, p => p.RequireRole(Roles.Admin, Roles.Ambassador))
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

builder.Services.AddLocalization();
builder.Services.Configure<RequestLocalizationOptions>(AppCultures.Configure);
builder.Services.AddRazorPages()
    .AddMvcOptions(o => o.Filters.Add<HandlerAuthorizationFilter>())
    .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
// Finnish letters stay readable in the HTML instead of becoming character references.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddAntiforgery(o =>
{
    o.HeaderName = "RequestVerificationToken";
    // Hosting/SecurityHeaders sets X-Frame-Options on every response.
    o.SuppressXFrameOptionsHeader = true;
});
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) => ModelBindingMessages.Localize(options, factory));
// Keys live in the database (one fixed application name), so every instance on it reads the same ring.
builder.Services.AddDataProtection().SetApplicationName("OkrRollout").PersistKeysToDbContext<AppDbContext>();
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<OkrRollout.Web.Time.OrganisationTime>();
builder.Services.AddScoped<PeopleImporter>();
builder.Services.AddSingleton(builder.Configuration.GetSection(OkrRollout.Web.Pages.Units.UnitPickerOptions.Section).Get<OkrRollout.Web.Pages.Units.UnitPickerOptions>() ?? new());
builder.Services.AddScoped<OkrRollout.Web.Pages.Units.UnitPicker>();
builder.Services.AddScoped<WaveMembership>();
builder.Services.AddScoped<AdoptionFigures>();
builder.Services.AddScoped<StageRollups>();
builder.Services.AddSingleton<OkrRollout.Web.Pages.Dashboard.DashboardCache>();
builder.Services.AddScoped<OkrRollout.Web.Okr.OkrAccess>();
builder.Services.AddEmailAndJobs(builder.Configuration);
builder.Services.AddSingleton<PeopleImportQueue>();
builder.Services.AddHostedService<PeopleImportWorker>();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<FirstAdminSetup>();
builder.Services.AddScoped<RoleGrants>();

builder.AddRequestLimits();
builder.Services.AddAppForwardedHeaders(builder.Configuration);
builder.Services.AddAppCookieSecurity();
builder.Services.AddPageConcurrencyLimit(builder.Configuration);

var app = builder.Build();

await app.PrepareDatabaseAsync();

if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
{
    app.UseForwardedHeaders();
}
// Before anything that sets a cookie.
app.UseCookiePolicy();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets().RequireRateLimiting(PageConcurrency.Policy);
app.MapHealthChecks("/health").AllowAnonymous();

app.Run();

public partial class Program;

using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Email;
using OkrRollout.Web.Hosting;
using OkrRollout.Web.Import;
using OkrRollout.Web.Jobs;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Pages;
using OkrRollout.Web.Privacy;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Scim;
using OkrRollout.Web.Security;
using OkrRollout.Web.Seeding;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

var builder = WebApplication.CreateBuilder(args);

builder.AddAppHosting();
builder.Services
    .AddOrganisationTime()
    .AddAppDatabase(builder.Configuration)
    .AddAppSecurity(builder.Configuration)
    .AddAppLocalization()
    .AddAppPages(builder.Configuration)
    .AddEmail(builder.Configuration)
    .AddPeopleImport()
    .AddRollout()
    .AddAdoption()
    .AddTraining()
    .AddOkr()
    .AddScim(builder.Configuration)
    .AddPrivacy(builder.Configuration)
    .AddJobs(builder.Configuration)
    .AddDemoSeeding();

var app = builder.Build();

await app.PrepareDatabaseAsync();

if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
{
    app.UseForwardedHeaders();
}
// Before anything that sets a cookie.
app.UseCookiePolicy();
app.UseSecurityHeaders(app.Services.GetRequiredService<SingleSignOnOptions>().FormTargets);
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
app.MapScim().RequireRateLimiting(PageConcurrency.Policy);
app.MapHealthChecks("/health").AllowAnonymous();

app.Run();

public partial class Program;

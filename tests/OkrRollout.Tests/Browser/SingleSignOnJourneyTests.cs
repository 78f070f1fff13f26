using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OkrRollout.Tests.Scim;
using OkrRollout.Web.Scim;

namespace OkrRollout.Tests.Browser;

/// <summary>
/// The app on a loopback port chosen first, so the OpenID provider process can be told where to send
/// people back; single sign-on through it, SCIM from the test as the identity provider would call it.
/// </summary>
public sealed class SingleSignOnInstall : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SingleSignOnInstall()
    {
        Port = OidcProvider.FreePort();
        BaseUrl = $"http://localhost:{Port}";
        Provider = new OidcProvider(BaseUrl);
        App = new SsoAppFactory(Provider);
    }

    public int Port { get; }
    public string BaseUrl { get; }
    public OidcProvider Provider { get; }
    public SsoAppFactory App { get; }
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.UseKestrel(Port);
        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = !System.Diagnostics.Debugger.IsAttached,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
        Provider.Dispose();
    }
}

public class SingleSignOnJourneyTests(SingleSignOnInstall install) : IClassFixture<SingleSignOnInstall>
{
    [Fact]
    public async Task Browser_a_person_the_identity_provider_provisioned_over_scim_signs_in_with_it_and_signs_out_of_both()
    {
        const string nora = "nora.lindqvist@aurora-telematics.example";
        string token;
        await using (var scope = install.App.Services.CreateAsyncScope())
        {
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, DemoUsers.Admin)], "test"));
            token = (await scope.ServiceProvider.GetRequiredService<ScimTokens>().CreateAsync("Aurora ID", admin, CancellationToken.None)).Value;
        }
        using var scim = new HttpClient { BaseAddress = new Uri(install.BaseUrl) };
        scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await scim.PostAsync("/scim/v2/Users", new StringContent($$"""
            { "schemas": ["{{ScimSchemas.User}}", "{{ScimSchemas.Enterprise}}"], "userName": "{{nora}}", "displayName": "Nora Lindqvist", "externalId": "aurora-id-nora",
              "preferredLanguage": "en-GB", "{{ScimSchemas.Enterprise}}": { "department": "Cloud Platform" } }
            """, Encoding.UTF8, ScimClient.Media));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        var context = await install.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = install.BaseUrl, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Okr/Mine");
        Assert.EndsWith("/Account/SignIn", new Uri(page.Url).AbsolutePath);
        await page.ClickAsync("#sso-sign-in");
        await page.WaitForURLAsync(url => url.StartsWith(install.Provider.Issuer, StringComparison.Ordinal));
        await page.FillAsync("input[name=login]", "nora");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(".whoami");

        Assert.Equal("/Okr/Mine", new Uri(page.Url).AbsolutePath);
        Assert.Equal(nora, await page.TextContentAsync(".whoami"));

        await page.ClickAsync("form[action$='/Account/SignOut'] button");
        await page.WaitForURLAsync(url => url.StartsWith(install.Provider.Issuer, StringComparison.Ordinal));
        await page.ClickAsync("button[name=logout]");
        await page.WaitForURLAsync(url => url.StartsWith(install.BaseUrl + "/Account/SignIn", StringComparison.Ordinal));
        Assert.True(await page.IsVisibleAsync("#sso-sign-in"));
        Assert.Equal(1, install.Provider.EndedSessionsOf("nora"));
        await context.CloseAsync();
    }
}

using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace OkrRollout.Tests.Security;

/// <summary>
/// Every cookie the app sets (antiforgery, sign-in, language, the status line's TempData) is Secure
/// when the browser talks https to the app, directly or through the trusted proxy, and not over plain
/// http, so local development on http keeps working. All of them are HttpOnly and SameSite Lax or Strict.
/// </summary>
public sealed class CookieSecurityTests : IDisposable
{
    private readonly AppFactory _direct = new();
    private readonly AppFactory _behindProxy = new();

    public CookieSecurityTests()
    {
        _behindProxy.Settings["ForwardedHeaders:Enabled"] = "true";
    }

    /// <summary>
    /// Gets the sign-in page, switches the language, signs in and joins the OKR guild (a status line
    /// follows), as a browser would, keeping every cookie the app sets along the way.
    /// </summary>
    private static async Task<List<SetCookieHeaderValue>> CookiesOfAVisitAsync(AppFactory app, string address, bool forwardedHttps = false)
    {
        // Cookies are kept by hand: a client that honoured Secure would not send them back over http behind the proxy.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false, HandleCookies = false });
        if (forwardedHttps)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }
        var jar = new Dictionary<string, string>();
        var set = new List<SetCookieHeaderValue>();

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var values))
            {
                foreach (var cookie in SetCookieHeaderValue.ParseList(values.ToList()))
                {
                    set.Add(cookie);
                    jar[cookie.Name.Value!] = cookie.Value.Value!;
                }
            }
            return response;
        }

        static string Token(IHtmlDocument page, string form) =>
            page.QuerySelector<IHtmlInputElement>($"{form} input[name=__RequestVerificationToken]")!.Value;

        using var signInPage = await SendAsync(HttpMethod.Get, "/Account/SignIn");
        var signIn = PageSession.Parse(await signInPage.Content.ReadAsStringAsync());
        using var language = await SendAsync(HttpMethod.Post, "/Language", new()
        {
            ["culture"] = "en",
            ["returnUrl"] = "/Account/SignIn",
            ["__RequestVerificationToken"] = Token(signIn, "form.language-switcher"),
        });
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        using var signedIn = await SendAsync(HttpMethod.Post, "/Account/SignIn", new()
        {
            ["Input.Email"] = DemoUsers.Member,
            ["Input.Password"] = DemoUsers.Password,
            ["__RequestVerificationToken"] = Token(signIn, "main form"),
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var guildPage = await SendAsync(HttpMethod.Get, "/Guild");
        var guild = PageSession.Parse(await guildPage.Content.ReadAsStringAsync());
        using var joined = await SendAsync(HttpMethod.Post, guild.QuerySelector("#join-form")!.GetAttribute("action")!, new()
        {
            ["HelpsWith"] = "",
            ["__RequestVerificationToken"] = Token(guild, "#join-form"),
        });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);

        // The app's own cookies, by the start of their names.
        Assert.Contains(set, c => c.Name.Value!.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(set, c => c.Name == "okrrollout.auth");
        Assert.Contains(set, c => c.Name == ".AspNetCore.Culture");
        Assert.Contains(set, c => c.Name == ".AspNetCore.Mvc.CookieTempDataProvider");
        return set;
    }

    private static void AssertHttpOnlyAndSameSite(List<SetCookieHeaderValue> cookies)
    {
        Assert.All(cookies, c => Assert.True(c.HttpOnly, $"{c.Name} is not HttpOnly"));
        Assert.All(cookies, c => Assert.True(c.SameSite is Microsoft.Net.Http.Headers.SameSiteMode.Lax or Microsoft.Net.Http.Headers.SameSiteMode.Strict, $"{c.Name} is SameSite {c.SameSite}"));
    }

    [Fact]
    public async Task Over_https_every_cookie_is_secure()
    {
        var cookies = await CookiesOfAVisitAsync(_direct, "https://localhost");

        Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} is not Secure: {c}"));
        AssertHttpOnlyAndSameSite(cookies);
    }

    [Fact]
    public async Task Over_http_from_the_trusted_proxy_that_received_https_every_cookie_is_secure()
    {
        var cookies = await CookiesOfAVisitAsync(_behindProxy, "http://localhost", forwardedHttps: true);

        Assert.All(cookies, c => Assert.True(c.Secure, $"{c.Name} is not Secure: {c}"));
        AssertHttpOnlyAndSameSite(cookies);
    }

    [Fact]
    public async Task Over_plain_http_no_cookie_is_secure_so_local_development_works_and_a_forwarded_scheme_counts_only_behind_the_proxy()
    {
        var plain = await CookiesOfAVisitAsync(_direct, "http://localhost");
        var forwardedWithoutProxy = await CookiesOfAVisitAsync(_direct, "http://localhost", forwardedHttps: true);

        Assert.All(plain.Concat(forwardedWithoutProxy), c => Assert.False(c.Secure, $"{c.Name} is Secure over http: {c}"));
        AssertHttpOnlyAndSameSite(plain);
    }

    public void Dispose()
    {
        _direct.Dispose();
        _behindProxy.Dispose();
    }
}

using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// A person with a browser that talks to two sites: the app (the test server, in memory) and the
/// OpenID provider (a real process on loopback). Each has its own cookies; redirects are followed by
/// hand from one to the other, so a test can change what passes between them.
/// </summary>
public sealed class ProviderSignIn : IDisposable
{
    private static readonly Uri AppBase = new("http://localhost/");
    private readonly bool _ownsProvider;
    private readonly HttpClient? _callbackApp;

    /// <param name="callbackApp">Another instance of the app (on the same database) that the provider's answer reaches, as behind a load balancer.</param>
    public ProviderSignIn(AppFactory factory, HttpClient? provider = null, AppFactory? callbackApp = null)
    {
        _callbackApp = callbackApp?.CreateDefaultClient(AppBase, new CookieContainerHandler(AppCookies));
        App = factory.CreateDefaultClient(AppBase, new CookieContainerHandler(AppCookies));
        _ownsProvider = provider is null;
        Provider = provider ?? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
    }

    public HttpClient App { get; }

    /// <summary>The app's cookies in this browser.</summary>
    public CookieContainer AppCookies { get; } = new();

    /// <summary>The provider's side of the browser; hand it to another <see cref="ProviderSignIn"/> to keep the provider's session.</summary>
    public HttpClient Provider { get; }

    /// <summary>Whether the provider asked who the person is during the last journey (no session at the provider yet).</summary>
    public bool ProviderAskedToLogIn { get; private set; }

    /// <summary>The address of the last page the app showed.</summary>
    public Uri? LastAppAddress { get; private set; }

    public HttpStatusCode LastAppStatus { get; private set; }

    /// <summary>
    /// "Sign in with …" on the sign-in page, the provider's login as the test account, and back to the
    /// app; returns the page the app ends on. The hooks change the request to the provider or the answer back.
    /// </summary>
    public async Task<IHtmlDocument> SignInAsync(string account, Func<Uri, Uri>? tamperAuthorize = null, Func<Uri, Uri>? tamperCallback = null, string? returnUrl = null, Action<CookieContainer>? tamperAppCookies = null)
    {
        var callback = await StartAsync(account, tamperAuthorize, returnUrl);
        tamperAppCookies?.Invoke(AppCookies);
        return await FollowAppAsync(tamperCallback?.Invoke(callback) ?? callback, _callbackApp);
    }

    /// <summary>The journey up to the provider's answer: the address the provider sends the person back to, not yet followed.</summary>
    public async Task<Uri> StartAsync(string account, Func<Uri, Uri>? tamperAuthorize = null, string? returnUrl = null)
    {
        var signInPage = await GetAppPageAsync("/Account/SignIn" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var form = signInPage.QuerySelector<IHtmlFormElement>("#sso-form") ?? throw new InvalidOperationException("no single sign-on form on the sign-in page");
        using var challenge = await App.PostAsync(new Uri(AppBase, form.GetAttribute("action")), new FormUrlEncodedContent(Fields(form)));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(ProviderBase(), authorize.ToString());

        return await ThroughProviderAsync(tamperAuthorize?.Invoke(authorize) ?? authorize, account);
    }

    /// <summary>Submits a form of an app page that leads to the provider (e.g. "Sign in with another account"), logs in there as the account and follows the person back.</summary>
    public async Task<IHtmlDocument> SubmitThroughProviderAsync(IHtmlFormElement form, string account)
    {
        using var challenge = await App.PostAsync(new Uri(AppBase, form.GetAttribute("action")), new FormUrlEncodedContent(Fields(form)));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        return await FollowAppAsync(await ThroughProviderAsync(challenge.Headers.Location!, account));
    }

    /// <summary>"Sign out" in the top bar, through the provider's end-session page when the app sends the person there.</summary>
    public async Task<IHtmlDocument> SignOutAsync()
    {
        var page = await GetAppPageAsync("/");
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith("/Account/SignOut", StringComparison.Ordinal));
        using var response = await App.PostAsync(new Uri(AppBase, form.GetAttribute("action")), new FormUrlEncodedContent(Fields(form)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var next = new Uri(AppBase, response.Headers.Location!);
        if (next.Host == AppBase.Host)
        {
            return await FollowAppAsync(next);
        }
        return await FollowAppAsync(await ThroughProviderAsync(next, account: null));
    }

    public async Task<IHtmlDocument> GetAppPageAsync(string path) => await FollowAppAsync(new Uri(AppBase, path));

    /// <summary>Follows the provider's redirects and pages (login form, end-session form) until it sends the person back to the app.</summary>
    private async Task<Uri> ThroughProviderAsync(Uri start, string? account)
    {
        ProviderAskedToLogIn = false;
        var response = await Provider.GetAsync(start);
        for (var step = 0; step < 20; step++)
        {
            var at = response.RequestMessage!.RequestUri!;
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                var location = new Uri(at, response.Headers.Location!);
                response.Dispose();
                if (location.Host == AppBase.Host)
                {
                    return location;
                }
                response = await Provider.GetAsync(location);
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the provider answered {response.StatusCode} at {at}: {html}");
            response.Dispose();
            var page = PageSession.Parse(html);
            var form = page.QuerySelector<IHtmlFormElement>("form") ?? throw new InvalidOperationException($"the provider's page at {at} has no form: {html}");
            var fields = Fields(form);
            if (form.QuerySelector("input[name=login]") is not null)
            {
                ProviderAskedToLogIn = true;
                fields.RemoveAll(f => f.Key == "login");
                fields.Add(new("login", account ?? throw new InvalidOperationException("the provider asks who is signing in")));
            }
            if (form.QuerySelector("button[name=logout]") is { } logout)
            {
                fields.Add(new("logout", logout.GetAttribute("value")!));
            }
            response = await Provider.PostAsync(new Uri(at, form.GetAttribute("action")), new FormUrlEncodedContent(fields));
        }
        throw new InvalidOperationException("the provider never sent the person back to the app");
    }

    private async Task<IHtmlDocument> FollowAppAsync(Uri address, HttpClient? first = null)
    {
        for (var step = 0; step < 10; step++)
        {
            using var response = await (step == 0 && first is not null ? first : App).GetAsync(address);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                address = new Uri(address, response.Headers.Location!);
                Assert.True(address.Host == AppBase.Host, $"the app sent the person to {address}");
                continue;
            }
            LastAppAddress = address;
            LastAppStatus = response.StatusCode;
            return PageSession.Parse(await response.Content.ReadAsStringAsync());
        }
        throw new InvalidOperationException("the app kept redirecting");
    }

    private static string ProviderBase() => "http://127.0.0.1:";

    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form) =>
        form.QuerySelectorAll<IHtmlInputElement>("input[name]").Where(i => i.Type is not "submit" and not "button").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();

    public void Dispose()
    {
        App.Dispose();
        _callbackApp?.Dispose();
        if (_ownsProvider)
        {
            Provider.Dispose();
        }
    }
}

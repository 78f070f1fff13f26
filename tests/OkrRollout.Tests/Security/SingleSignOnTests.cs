using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Scim;
using OkrRollout.Web.Security;

namespace OkrRollout.Tests.Security;

/// <summary>Signing in through a real OpenID provider (tests/oidc, npm's oidc-provider) started for this class on a free loopback port.</summary>
public class SsoSignInTests(SsoAppFactory factory) : IClassFixture<SsoAppFactory>
{
    private const string Emma = "emma.laine@aurora-telematics.example";

    [Fact]
    public async Task Sso_a_known_person_lands_on_their_home_with_the_role_from_the_group_claim()
    {
        using var person = new ProviderSignIn(factory);

        var home = await person.SignInAsync("emma");

        Assert.Equal("/", person.LastAppAddress!.AbsolutePath);
        Assert.Equal(Emma, home.QuerySelector(".whoami")!.TextContent);
        Assert.True(person.ProviderAskedToLogIn);
        // Emma is a Member in the app; the provider's okr-ambassadors group makes her an Ambassador.
        await person.GetAppPageAsync("/Outbox");
        Assert.Equal(HttpStatusCode.OK, person.LastAppStatus);
        Assert.Equal("/Outbox", person.LastAppAddress!.AbsolutePath);
        await person.GetAppPageAsync("/Users");
        Assert.Equal("/Account/AccessDenied", person.LastAppAddress!.AbsolutePath);
        var method = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Emma).Select(u => u.LastSignInMethod).SingleAsync());
        Assert.Equal(SignInMethods.SingleSignOn, method);
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var users = await admin.GetAsync("/Users?signIn=SingleSignOn");
        Assert.StartsWith("Through single sign-on", users.QuerySelector($"tr[data-email='{Emma}'] td.sign-in")!.TextContent.Trim());
    }

    [Fact]
    public async Task Sso_a_known_person_without_a_sign_in_gets_one_as_a_member_and_the_address_matches_whatever_its_case()
    {
        const string veera = "veera.jarvinen@aurora-telematics.example";
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == veera)));
        using var person = new ProviderSignIn(factory);

        var home = await person.SignInAsync("veera", returnUrl: "/Okr/Mine");

        Assert.Equal("/Okr/Mine", person.LastAppAddress!.AbsolutePath);
        Assert.Equal(veera, home.QuerySelector(".whoami")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == veera && u.LastSignInMethod == SignInMethods.SingleSignOn)));
        // Her groups map to no role: a Member only.
        await person.GetAppPageAsync("/Outbox");
        Assert.Equal("/Account/AccessDenied", person.LastAppAddress!.AbsolutePath);
    }

    [Fact]
    public async Task Sso_an_unknown_person_is_refused_and_gets_no_sign_in()
    {
        using var person = new ProviderSignIn(factory);

        var page = await person.SignInAsync("stranger");

        AssertRefused(person, page, SingleSignOnRefusal.Unknown, "nobody in this organisation's directory has your e-mail address");
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "stranger@elsewhere.example")));
        await AssertNotSignedInAsync(person);

        // The provider's session is still the stranger's: "another account" makes it ask again.
        var refused = await person.GetAppPageAsync("/Account/SsoRefused?reason=Unknown");
        var home = await person.SubmitThroughProviderAsync(refused.QuerySelector<IHtmlFormElement>("#another-account-form")!, "emma");
        Assert.True(person.ProviderAskedToLogIn, "the provider did not ask who is signing in");
        Assert.Equal(Emma, home.QuerySelector(".whoami")!.TextContent);
    }

    [Fact]
    public async Task Sso_a_deactivated_person_is_refused()
    {
        const string arjun = "arjun.taylor@aurora-telematics.example";
        await factory.WithDbAsync(db => db.People.Where(p => p.Email == arjun).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));
        using var person = new ProviderSignIn(factory);

        var page = await person.SignInAsync("arjun");

        AssertRefused(person, page, SingleSignOnRefusal.Inactive, "you are no longer active in this organisation's directory");
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == arjun)));
        await AssertNotSignedInAsync(person);
    }

    [Fact]
    public async Task Sso_an_address_the_provider_did_not_verify_is_refused_whatever_its_groups()
    {
        using var person = new ProviderSignIn(factory);

        var page = await person.SignInAsync("helmi");

        AssertRefused(person, page, SingleSignOnRefusal.Unverified, "did not give a verified e-mail address");
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "helmi.korhonen@aurora-telematics.example")));
        await AssertNotSignedInAsync(person);
    }

    [Fact]
    public async Task Sso_a_person_the_provider_provisioned_over_scim_signs_in_and_is_out_once_it_deactivates_them()
    {
        const string nora = "nora.lindqvist@aurora-telematics.example";
        using (var before = new ProviderSignIn(factory))
        {
            AssertRefused(before, await before.SignInAsync("nora"), SingleSignOnRefusal.Unknown, "nobody in this organisation's directory");
        }
        var (scim, _) = await OkrRollout.Tests.Scim.ScimClient.WithNewTokenAsync(factory);
        using var _s = scim;
        var created = await scim.PostAsync("/scim/v2/Users", $$"""
            { "schemas": ["{{ScimSchemas.User}}"], "userName": "{{nora}}", "displayName": "Nora Lindqvist", "externalId": "nora-1",
              "{{ScimSchemas.Enterprise}}": { "department": "Cloud Platform" } }
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var person = new ProviderSignIn(factory);

        var home = await person.SignInAsync("nora");

        Assert.Equal(nora, home.QuerySelector(".whoami")!.TextContent);
        await scim.PatchAsync($"/scim/v2/Users/{created.Text("id")}", """{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "active", "value": "False" }] }""");
        await AssertNotSignedInAsync(person);
        using var again = new ProviderSignIn(factory);
        AssertRefused(again, await again.SignInAsync("nora"), SingleSignOnRefusal.Inactive, "no longer active");
    }

    [Fact]
    public async Task Sso_a_tampered_state_is_rejected()
    {
        using var person = new ProviderSignIn(factory);

        var page = await person.SignInAsync("emma", tamperCallback: callback => Replace(callback, "state", state => state[..^4] + (state.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")));

        AssertRefused(person, page, SingleSignOnRefusal.Failed, "could not be accepted");
        await AssertNotSignedInAsync(person);
    }

    [Fact]
    public async Task Sso_an_id_token_for_another_sign_in_attempt_is_rejected_by_its_nonce()
    {
        // The state (and its correlation cookie) is this browser's; the nonce cookie is swapped for that
        // of another attempt, so the provider's id token names a nonce this browser never asked for.
        using var other = new ProviderSignIn(factory);
        await other.StartAsync("emma");
        using var person = new ProviderSignIn(factory);

        var page = await person.SignInAsync("emma", tamperAppCookies: cookies => SwapNonce(cookies, other.AppCookies));

        AssertRefused(person, page, SingleSignOnRefusal.Failed, "could not be accepted");
        await AssertNotSignedInAsync(person);
    }

    [Fact]
    public async Task Sso_signing_out_ends_the_session_at_the_provider_too()
    {
        using var first = new ProviderSignIn(factory);
        await first.SignInAsync("emma");
        Assert.True(first.ProviderAskedToLogIn);
        // While the provider's session lasts, signing in again needs no login there.
        using var second = new ProviderSignIn(factory, first.Provider);
        await second.SignInAsync("emma");
        Assert.False(second.ProviderAskedToLogIn);
        var endedBefore = factory.Provider.EndedSessionsOf("emma");

        var afterSignOut = await second.SignOutAsync();

        Assert.Equal("/Account/SignIn", second.LastAppAddress!.AbsolutePath);
        Assert.NotNull(afterSignOut.QuerySelector("#sso-form"));
        Assert.Equal(endedBefore + 1, factory.Provider.EndedSessionsOf("emma"));
        await AssertNotSignedInAsync(second);
        using var third = new ProviderSignIn(factory, first.Provider);
        await third.SignInAsync("emma");
        Assert.True(third.ProviderAskedToLogIn, "the provider's session outlived signing out");
    }

    [Fact]
    public async Task Sso_the_sign_in_page_offers_the_provider_beside_passwords_and_links()
    {
        using var person = new ProviderSignIn(factory);

        var page = await person.GetAppPageAsync("/Account/SignIn");

        Assert.Equal($"Sign in with {SsoAppFactory.ProviderName}", page.QuerySelector("#sso-sign-in")!.TextContent.Trim());
        // The form's answer redirects to the provider: browsers apply form-action to that redirect.
        using var headers = await person.App.GetAsync("/Account/SignIn");
        Assert.Contains($"form-action 'self' {factory.Provider.Issuer};", headers.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotNull(page.QuerySelector("#password-form"));
        Assert.NotNull(page.QuerySelector("#email-link-form"));
    }

    private static void AssertRefused(ProviderSignIn person, IHtmlDocument page, SingleSignOnRefusal reason, string says)
    {
        Assert.Equal("/Account/SsoRefused", person.LastAppAddress!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, person.LastAppStatus);
        var message = page.QuerySelector("#sso-refused")!;
        Assert.Equal(reason.ToString(), message.GetAttribute("data-reason"));
        Assert.Contains(says, message.TextContent);
        Assert.Null(page.QuerySelector(".whoami"));
    }

    private static async Task AssertNotSignedInAsync(ProviderSignIn person)
    {
        var page = await person.GetAppPageAsync("/");
        Assert.Equal("/Account/SignIn", person.LastAppAddress!.AbsolutePath);
        Assert.Null(page.QuerySelector(".whoami"));
    }

    private static void SwapNonce(CookieContainer into, CookieContainer from)
    {
        var callback = new Uri("http://localhost/signin-oidc");
        static Cookie Nonce(CookieContainer jar, Uri at) => jar.GetCookies(at).Single(c => c.Name.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal));
        var mine = Nonce(into, callback);
        mine.Expired = true;
        into.Add(callback, new Cookie(Nonce(from, callback).Name, "N", "/signin-oidc"));
        Assert.DoesNotContain(into.GetCookies(callback), c => c.Name == mine.Name && !c.Expired);
    }

    private static Uri Replace(Uri address, string parameter, Func<string, string> change)
    {
        var query = System.Web.HttpUtility.ParseQueryString(address.Query);
        Assert.False(string.IsNullOrEmpty(query[parameter]), $"no {parameter} in {address}");
        query[parameter] = change(query[parameter]!);
        return new UriBuilder(address) { Query = query.ToString() }.Uri;
    }
}

/// <summary>Single sign-on as the only way in (Sso:PasswordsAndLinksOff).</summary>
public class SsoOnlyTests(SsoOnlyAppFactory factory) : IClassFixture<SsoOnlyAppFactory>
{
    [Fact]
    public async Task Sso_only_the_sign_in_page_offers_the_provider_alone()
    {
        using var person = new ProviderSignIn(factory);

        var page = await person.GetAppPageAsync("/Account/SignIn");

        Assert.NotNull(page.QuerySelector("#sso-form"));
        Assert.Null(page.QuerySelector("#password-form"));
        Assert.Null(page.QuerySelector("#email-link-form"));
        Assert.Null(page.QuerySelector("input[type=password]"));
    }

    [Fact]
    public async Task Sso_only_refuses_a_posted_password_even_the_right_one()
    {
        using var person = new ProviderSignIn(factory);
        var page = await person.GetAppPageAsync("/Account/SignIn");
        var token = page.QuerySelector<IHtmlInputElement>("#sso-form input[name=__RequestVerificationToken]")!.Value;

        using var response = await person.App.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = DemoUsers.Admin,
            ["Input.Password"] = DemoUsers.Password,
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("okrrollout.auth", StringComparison.Ordinal));
        await AssertNotSignedInAsync(person);
    }

    [Fact]
    public async Task Sso_only_sends_no_sign_in_link_and_takes_none()
    {
        using var person = new ProviderSignIn(factory);
        var page = await person.GetAppPageAsync("/Account/SignIn");
        var token = page.QuerySelector<IHtmlInputElement>("#sso-form input[name=__RequestVerificationToken]")!.Value;
        var queued = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync());

        using var request = await person.App.PostAsync("/Account/EmailLink", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = DemoUsers.Member,
        }));
        using var reset = await person.App.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = DemoUsers.Member,
        }));

        Assert.Equal(HttpStatusCode.Forbidden, request.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        Assert.Equal(queued, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        // An invitation's link leads to the sign-in page and its provider button, not in.
        await person.GetAppPageAsync("/Account/Link/some-token");
        Assert.Equal("/Account/SignIn", person.LastAppAddress!.AbsolutePath);
    }

    [Fact]
    public async Task Sso_only_invitations_lead_to_the_sign_in_page_and_say_to_use_the_work_account()
    {
        var ambassador = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, DemoUsers.Ambassador)], "test"));
        var person = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive && p.PreferredLanguage == Language.En).OrderBy(p => p.Id).Select(p => new { p.Id, p.Email }).FirstAsync());
        var email = person.Email;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignInMail>().InviteAsync([person.Id], ambassador, CancellationToken.None);
        }

        var message = await factory.WithDbAsync(db => db.OutboxMessages.OrderByDescending(m => m.Id).FirstAsync(m => m.RecipientEmail == email));
        Assert.Equal(nameof(EmailTemplate.SignInInvitationSingleSignOn), message.Template);
        var text = factory.AsSent(message.TextBody);
        Assert.Contains("Sign in with your work account", text);
        Assert.Contains("http://localhost:5080/Account/SignIn", text);
        Assert.DoesNotContain("/Account/Link", text);
        using var browser = new ProviderSignIn(factory);
        var landing = await browser.GetAppPageAsync(System.Text.RegularExpressions.Regex.Match(text, @"http://localhost:5080(\S+)").Groups[1].Value);
        Assert.NotNull(landing.QuerySelector("#sso-form"));
    }

    [Theory]
    [InlineData("/Account/EmailLink")]
    [InlineData("/Account/ForgotPassword")]
    [InlineData("/Account/ResetPassword?email=x%40example.com&token=abc")]
    [InlineData("/Account/Link/some-token?ReturnUrl=%2FOkr%2FMine")]
    public async Task Sso_only_the_pages_of_links_and_passwords_lead_to_the_sign_in_page(string page)
    {
        using var client = factory.CreateRawClient();

        using var response = await client.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location!.OriginalString.Split('?')[0]);
        if (page.Contains("ReturnUrl", StringComparison.Ordinal))
        {
            Assert.Equal("/Account/SignIn?ReturnUrl=%2FOkr%2FMine", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Sso_only_a_known_person_still_signs_in_through_the_provider()
    {
        using var person = new ProviderSignIn(factory);

        var home = await person.SignInAsync("emma");

        Assert.Equal("emma.laine@aurora-telematics.example", home.QuerySelector(".whoami")!.TextContent);
        var account = await person.GetAppPageAsync("/Account");
        Assert.Null(account.QuerySelector("input[type=password]"));
    }

    private static async Task AssertNotSignedInAsync(ProviderSignIn person)
    {
        var page = await person.GetAppPageAsync("/");
        Assert.Equal("/Account/SignIn", person.LastAppAddress!.AbsolutePath);
        Assert.Null(page.QuerySelector(".whoami"));
    }
}

public class SingleSignOnOptionsTests
{
    [Fact]
    public void Sso_settings_without_a_client_secret_or_with_an_unknown_role_stop_the_app()
    {
        var options = new SingleSignOnOptions
        {
            Enabled = true,
            DisplayName = "Aurora ID",
            Authority = "https://id.example.com",
            ClientId = "okrrollout",
            RolesClaim = "groups",
            RoleMap = { ["Boss"] = ["bosses"] },
        };

        var problem = Assert.Throws<InvalidOperationException>(options.Validate).Message;

        Assert.Contains("Sso:ClientSecret is not set", problem);
        Assert.Contains("Sso:RoleMap:Boss is not one of Admin, Ambassador, Leader", problem);
        new SingleSignOnOptions().Validate();
    }

    [Fact]
    public void Sso_groups_map_to_the_roles_named_for_them()
    {
        var options = new SingleSignOnOptions { RoleMap = { ["admin"] = ["it-admins"], ["Leader"] = ["board", "management"] } };

        Assert.Equal(["Admin", "Leader"], options.RolesFor(["management", "it-admins", "staff"]).Order());
        Assert.Empty(options.RolesFor(["staff"]));
    }
}

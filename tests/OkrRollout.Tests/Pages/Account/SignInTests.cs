using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Tests.Infrastructure;

namespace OkrRollout.Tests.Pages.Account;

public class SignInTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(nameof(DemoUsers.Admin))]
    [InlineData(nameof(DemoUsers.Ambassador))]
    [InlineData(nameof(DemoUsers.Leader))]
    [InlineData(nameof(DemoUsers.Member))]
    public async Task Every_demo_sign_in_works_and_lands_on_the_home_page(string role)
    {
        var email = DemoUsers.EmailOf(role);
        using var session = await PageSession.SignInAsync(factory, email);

        var home = await session.GetAsync("/");

        Assert.Equal(email, home.QuerySelector(".whoami")!.TextContent);
        Assert.Contains("OKR roll-out 2026", home.QuerySelector(".programme h2")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_does_not_sign_in()
    {
        using var session = new PageSession(factory.CreateClient());
        var page = await session.GetAsync("/Account/SignIn");

        var result = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.Email"] = DemoUsers.Leader,
            ["Input.Password"] = "wrong-password",
        });

        Assert.Contains("The e-mail address or password is wrong.", result.QuerySelector(".validation-summary")!.TextContent);
        Assert.Null(result.QuerySelector(".whoami"));
    }

    [Fact]
    public async Task Missing_fields_get_messages_beside_them()
    {
        using var session = new PageSession(factory.CreateClient());
        var page = await session.GetAsync("/Account/SignIn");

        var result = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        Assert.Equal("Enter your e-mail address.", result.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Equal("Enter your password.", result.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
    }

    [Fact]
    public async Task Wrong_passwords_lock_nobody_out_and_unknown_or_deactivated_addresses_get_the_same_answer()
    {
        using var session = new PageSession(factory.CreateClient());
        var answers = new HashSet<string>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var page = await session.GetAsync("/Account/SignIn");
            var result = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new()
            {
                ["Input.Email"] = attempt % 2 == 0 ? DemoUsers.Admin : "nobody.at.all@aurora-telematics.example",
                ["Input.Password"] = "wrong-password",
            });
            answers.Add(result.QuerySelector(".validation-summary")!.TextContent.Trim());
        }
        var leaver = await factory.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => p.IsActive && !db.Users.Any(u => u.Email == p.Email)).OrderByDescending(p => p.Id).FirstAsync();
            return person.Email;
        });
        await factory.CreateSignInAsync(leaver);
        await factory.WithDbAsync(db => db.People.Where(p => p.Email == leaver).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));
        var again = await session.GetAsync("/Account/SignIn");
        var deactivated = await session.SubmitAsync(again.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = leaver, ["Input.Password"] = DemoUsers.Password });
        answers.Add(deactivated.QuerySelector(".validation-summary")!.TextContent.Trim());

        Assert.Equal(["The e-mail address or password is wrong."], answers);
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        Assert.Equal(DemoUsers.Admin, (await admin.GetAsync("/")).QuerySelector(".whoami")!.TextContent);
    }

    [Fact]
    public async Task The_first_run_page_is_gone_while_an_admin_exists_and_says_so()
    {
        using var client = factory.CreateRawClient();

        using var response = await client.GetAsync("/Account/Setup");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = PageSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already has an administrator", page.QuerySelector("#setup-closed")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/Account/SignIn']"));
        Assert.Null(page.QuerySelector("input[type=password]"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var home = await session.GetAsync("/");

        var after = await session.SubmitAsync(home.QuerySelector<IHtmlFormElement>("form[action='/Account/SignOut']")!);

        Assert.Equal("/Account/SignIn", new Uri(after.Url).AbsolutePath);
        Assert.Null(after.QuerySelector(".whoami"));
    }
}

/// <summary>The demo with the sign-in page's throttle at three password attempts per client and address.</summary>
public sealed class ThrottledSignInFactory : AppFactory
{
    public ThrottledSignInFactory()
    {
        Settings["Account:PasswordAttemptsPerAddressAndClient"] = "3";
        Settings["Account:PasswordAttemptsPerClient"] = "5";
    }
}

public class PasswordThrottleTests(ThrottledSignInFactory factory) : IClassFixture<ThrottledSignInFactory>
{
    private static async Task<string> TryAsync(PageSession session, string email, string password)
    {
        var page = await session.GetAsync("/Account/SignIn");
        var result = await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = email, ["Input.Password"] = password });
        return result.QuerySelector(".validation-summary")?.TextContent.Trim() ?? "signed in";
    }

    [Fact]
    public async Task Guessing_from_one_client_is_slowed_alike_for_known_and_unknown_addresses()
    {
        using var session = new PageSession(factory.CreateClient());
        var known = new List<string>();
        var unknown = new List<string>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            known.Add(await TryAsync(session, DemoUsers.Leader, "guess-" + attempt));
        }
        unknown.Add(await TryAsync(session, "nobody.at.all@aurora-telematics.example", "guess"));
        unknown.Add(await TryAsync(session, "nobody.else@aurora-telematics.example", "guess"));

        Assert.Equal(["The e-mail address or password is wrong.", "The e-mail address or password is wrong.", "The e-mail address or password is wrong.",
            "Too many sign-in attempts from here. Wait 15 minutes, or sign in by e-mail below."], known);
        Assert.Equal(["The e-mail address or password is wrong.", "Too many sign-in attempts from here. Wait 15 minutes, or sign in by e-mail below."], unknown);
        Assert.Equal("Too many sign-in attempts from here. Wait 15 minutes, or sign in by e-mail below.", await TryAsync(session, DemoUsers.Leader, DemoUsers.Password));
    }
}

/// <summary>An install without the demo: no users, no default password.</summary>
public class EmptyInstallFactory : AppFactory
{
    public EmptyInstallFactory()
    {
        Settings["Seed:Demo"] = "false";
    }
}

public class FirstRunTests(EmptyInstallFactory factory) : IClassFixture<EmptyInstallFactory>
{
    [Fact]
    public async Task Without_the_demo_the_first_admin_is_created_once_on_the_setup_page()
    {
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.People.CountAsync()));
        using var session = new PageSession(factory.CreateClient());
        var signIn = await session.GetAsync("/Account/SignIn");
        Assert.NotNull(signIn.QuerySelector("a[href='/Account/Setup']"));

        var setup = await session.GetAsync("/Account/Setup");
        var unrepeated = await session.SubmitAsync(setup.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.Email"] = "first.admin@example.com",
            ["Input.Password"] = "Correct-Horse-42",
        });
        Assert.Equal("Repeat the password.", unrepeated.QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent);
        var tooShort = await session.SubmitAsync(unrepeated.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.Email"] = "first.admin@example.com",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Equal("The password must be at least 10 characters long.", tooShort.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);

        var home = await session.SubmitAsync(tooShort.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.Email"] = "first.admin@example.com",
            ["Input.Password"] = "Correct-Horse-42",
            ["Input.ConfirmPassword"] = "Correct-Horse-42",
        });
        Assert.Equal("first.admin@example.com", home.QuerySelector(".whoami")!.TextContent);

        await session.GetAsync("/Account/Setup", HttpStatusCode.NotFound);
        var users = await factory.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
        Assert.Equal(["first.admin@example.com"], users);
    }
}

public partial class CopiedCookieTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex FormToken();

    private static string CookiesOf(HttpResponseMessage response, string existing) =>
        string.Join("; ", (existing.Length > 0 ? existing.Split("; ") : []).Concat(
            response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []));

    [Fact]
    public async Task A_cookie_copied_before_signing_out_no_longer_opens_pages()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var signInPage = await client.GetAsync("/Account/SignIn");
        var cookies = CookiesOf(signInPage, "");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = DemoUsers.Member, ["Input.Password"] = DemoUsers.Password,
                ["__RequestVerificationToken"] = FormToken().Match(await signInPage.Content.ReadAsStringAsync()).Groups[1].Value,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        using var signedIn = await client.SendAsync(post);
        var copied = CookiesOf(signedIn, cookies);
        Assert.Contains("okrrollout.auth=", copied);

        async Task<HttpResponseMessage> GetWith(string cookie, string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Cookie", cookie);
            return await client.SendAsync(request);
        }
        using var home = await GetWith(copied, "/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var signOutToken = PageSession.HtmxAntiforgeryToken(PageSession.Parse(await home.Content.ReadAsStringAsync()));
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/Account/SignOut") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOutToken }) };
        signOut.Headers.Add("Cookie", copied);
        using (var signedOut = await client.SendAsync(signOut))
        {
            Assert.Equal("/Account/SignIn", signedOut.Headers.Location!.OriginalString);
        }

        using var withCopy = await GetWith(copied, "/");
        Assert.Equal(HttpStatusCode.Redirect, withCopy.StatusCode);
        Assert.StartsWith("/Account/SignIn", withCopy.Headers.Location!.PathAndQuery);
    }
}

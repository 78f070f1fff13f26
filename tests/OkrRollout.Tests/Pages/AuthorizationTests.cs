using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Tests.Infrastructure;

namespace OkrRollout.Tests.Pages;

public class AuthorizationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public void Every_page_names_its_policy_or_says_it_is_anonymous()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract).ToList();

        Assert.NotEmpty(pages);
        var unmarked = pages.Where(t =>
            t.GetCustomAttribute<AllowAnonymousAttribute>() is null
            && t.GetCustomAttribute<AuthorizeAttribute>() is not { Policy.Length: > 0 }).Select(t => t.FullName);
        Assert.Empty(unmarked);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/People")]
    [InlineData("/People/Details/1")]
    [InlineData("/Units")]
    [InlineData("/People/Import")]
    public async Task An_anonymous_request_is_sent_to_sign_in(string url)
    {
        using var client = factory.CreateRawClient();
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_anonymous_htmx_request_is_told_to_load_the_sign_in_page()
    {
        using var client = factory.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/People?q=a");
        request.Headers.Add("HX-Request", "true");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", new Uri(response.Headers.GetValues("HX-Redirect").Single()).PathAndQuery);
    }

    [Fact]
    public async Task Health_static_files_and_sign_in_are_open_to_everyone()
    {
        using var client = factory.CreateRawClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var signIn = PageSession.Parse(await client.GetStringAsync("/Account/SignIn"));
        var htmx = signIn.QuerySelector("script[src*='htmx']")!.GetAttribute("src")!;
        Assert.StartsWith("/lib/htmx/htmx", htmx);
        using var script = await client.GetAsync(htmx);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("htmx", await script.Content.ReadAsStringAsync());
        using var css = await client.GetAsync(signIn.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Theory]
    [InlineData("/People/Create")]
    [InlineData("/People/Edit/1")]
    [InlineData("/People/Import")]
    [InlineData("/People/Export")]
    public async Task A_member_cannot_reach_ambassador_pages(string url)
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var page = await member.GetAsync(url, HttpStatusCode.Forbidden);

        Assert.Equal("/Account/AccessDenied", new Uri(page.Url).AbsolutePath);
        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task A_leader_reads_the_directory_but_cannot_import()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var people = await leader.GetAsync("/People");
        Assert.NotEmpty(people.QuerySelectorAll("#people-table tbody tr"));
        Assert.Null(people.QuerySelector("a[href='/People/Import']"));
        await leader.GetAsync("/People/Import", HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(nameof(DemoUsers.Ambassador))]
    [InlineData(nameof(DemoUsers.Admin))]
    public async Task Ambassadors_and_admins_reach_the_import(string role)
    {
        var email = DemoUsers.EmailOf(role);
        using var session = await PageSession.SignInAsync(factory, email);

        var page = await session.GetAsync("/People/Import");

        Assert.NotNull(page.QuerySelector("input[type=file][name=Upload]"));
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_rejected()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        using var response = await ambassador.Client.PostAsync("/People/Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "X" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

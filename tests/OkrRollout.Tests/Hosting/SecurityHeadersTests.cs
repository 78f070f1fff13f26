using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Pages.Dashboard;

namespace OkrRollout.Tests.Hosting;

/// <summary>
/// What a browser is told about every response: the content security policy and the other security
/// headers on pages, partials, exports, error answers and static files (and the e-mail preview's
/// policy of its own); and that nothing holding personal data may be stored by a cache. The pages
/// themselves hold no inline script or style the policy would block.
/// </summary>
public partial class SecurityHeadersTests(SecurityHeadersTests.Factory factory) : IClassFixture<SecurityHeadersTests.Factory>
{
    /// <summary>The app, with pages that fail when a request asks them to (the error page answers instead).</summary>
    public sealed class Factory : AppFactory
    {
        public const string FailHeader = "X-Test-Fail";

        public Factory()
        {
            Settings["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None";
            TestServices.Add(services => services.Configure<MvcOptions>(o => o.Filters.Add<FailingPage>()));
        }

        private sealed class FailingPage : IAsyncPageFilter
        {
            public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

            public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
                context.HttpContext.Request.Headers.ContainsKey(FailHeader) && context.ActionDescriptor.ViewEnginePath != "/Error"
                    ? throw new InvalidOperationException("asked to fail")
                    : next();
        }
    }

    private static readonly string Pages = SourceTree.Pages;

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no {name} header");

    private static Dictionary<string, string> Policy(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static void AssertProtected(HttpResponseMessage response)
    {
        var policy = Policy(response);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.DoesNotContain(policy.Values, v => v.Contains("unsafe", StringComparison.Ordinal));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    private static void AssertNotStored(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri}: Cache-Control {response.Headers.CacheControl}");
    }

    private static async Task<HttpResponseMessage> HtmxGetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_sign_in_page_carries_the_policy_and_is_not_stored()
    {
        using var client = factory.CreateRawClient();
        using var response = await client.GetAsync("/Account/SignIn");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertProtected(response);
        AssertNotStored(response);
    }

    [Fact]
    public async Task A_signed_in_page_and_its_htmx_partial_with_names_carry_the_policy_are_not_stored_and_vary_by_htmx()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Member);
        using var page = await session.Client.GetAsync("/People");
        using var partial = await HtmxGetAsync(session.Client, "/People");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var results = PageSession.Parse(await partial.Content.ReadAsStringAsync());
        Assert.Null(results.QuerySelector("header.topbar"));
        Assert.NotEmpty(results.QuerySelectorAll("#people-table tbody tr"));
        foreach (var response in new[] { page, partial })
        {
            AssertProtected(response);
            AssertNotStored(response);
            Assert.Contains("HX-Request", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task Csv_exports_carry_the_policy_and_are_not_stored()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var programmeId = await factory.WithDbAsync(db => db.Programmes.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        string[] exports =
        [
            "/People/Export",
            "/Training/Export",
            .. AdoptionCsv.Tables.Select(table => $"/Dashboard?handler=Csv&table={table}&programmeId={programmeId}"),
        ];
        foreach (var url in exports)
        {
            using var response = await session.Client.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            AssertProtected(response);
            AssertNotStored(response);
        }
    }

    [Fact]
    public async Task An_unknown_address_answers_not_found_with_the_policy()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Member);
        using var response = await session.Client.GetAsync("/No/Such/Page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertProtected(response);
        AssertNotStored(response);
    }

    [Fact]
    public async Task A_failing_page_answers_with_the_error_page_and_the_policy()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Member);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/People");
        request.Headers.Add(Factory.FailHeader, "1");
        using var response = await session.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertProtected(response);
        AssertNotStored(response);
    }

    [Fact]
    public async Task An_e_mail_preview_is_a_document_of_its_own_that_may_style_itself_but_runs_nothing_and_is_framed_only_by_the_app()
    {
        using (var anyone = new PageSession(factory.CreateClient()))
        {
            var signIn = await anyone.GetAsync("/Account/SignIn");
            await anyone.SubmitAsync(signIn.QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = DemoUsers.Member });
        }
        var id = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail == DemoUsers.Member).Select(m => m.Id).FirstAsync());
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var frame = (await ambassador.GetAsync($"/Outbox?preview={id}")).QuerySelector<IHtmlInlineFrameElement>("#preview iframe")!;
        using var body = await ambassador.Client.GetAsync(frame.Source);

        Assert.True(frame.HasAttribute("sandbox"));
        Assert.Equal(HttpStatusCode.OK, body.StatusCode);
        Assert.Contains("style=", await body.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = Policy(body);
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal("'unsafe-inline'", policy["style-src"]);
        Assert.Equal("'self'", policy["frame-ancestors"]);
        Assert.Contains("sandbox", policy.Keys);
        Assert.False(policy.ContainsKey("script-src"));
        Assert.Equal("SAMEORIGIN", Header(body, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(body, "X-Content-Type-Options"));
        AssertNotStored(body);
    }

    [Fact]
    public async Task Static_files_carry_the_policy_and_keep_their_own_caching()
    {
        using var client = factory.CreateRawClient();
        var page = PageSession.Parse(await client.GetStringAsync("/Account/SignIn"));
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)).ToList();

        Assert.Contains(assets, a => a.StartsWith("/js/app", StringComparison.Ordinal));
        foreach (var asset in assets.Append("/css/site.css"))
        {
            using var response = await client.GetAsync(asset);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertProtected(response);
            Assert.False(response.Headers.CacheControl?.NoStore, asset);
            Assert.NotNull(response.Headers.CacheControl);
        }
    }

    [Theory]
    [InlineData("/Okr")]
    [InlineData("/Okr?expand=all")]
    [InlineData("/Okr/Mine")]
    public async Task Rendered_pages_hold_no_inline_script_handler_or_style(string url)
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await session.GetAsync(url);

        Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]").Select(e => e.OuterHtml));
        Assert.Empty(page.All.SelectMany(e => e.Attributes.Where(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name.StartsWith("hx-on", StringComparison.Ordinal))
            .Select(a => $"{e.LocalName} {a.Name}=\"{a.Value}\"")));
        Assert.Empty(page.QuerySelectorAll("[href^='javascript:' i], [action^='javascript:' i]").Select(e => e.OuterHtml));
    }

    // An inline <script> (one without src), a <style> element, a style attribute, an on…= handler,
    // htmx's hx-on (run through Function, i.e. eval) and javascript: addresses.
    [GeneratedRegex("""<script\b(?![^>]*\bsrc=)|<style\b|<[a-zA-Z][^>]*\s(?:style|on[a-z]+)\s*=|\bhx-on|javascript:""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Fact]
    public void No_page_source_holds_inline_script_handler_or_style()
    {
        var files = Directory.EnumerateFiles(Pages, "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);

        // Whole files, so a handler on the second line of a tag is found too.
        var found = files.SelectMany(file =>
        {
            var text = File.ReadAllText(file);
            return InlineCode().Matches(text).Select(m =>
                $"{Path.GetRelativePath(Pages, file)}:{text.AsSpan(0, m.Index).Count('\n') + 1}: {m.Value.Split('\n')[^1].Trim()}");
        }).ToList();

        Assert.Empty(found);
    }
}

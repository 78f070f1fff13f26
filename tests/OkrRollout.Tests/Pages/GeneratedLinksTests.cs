using System.Text.RegularExpressions;

namespace OkrRollout.Tests.Pages;

/// <summary>
/// Every address a view gives the browser comes from the routes (asp-page, Url.Page), so renaming a
/// page or changing its route template cannot leave a link behind that nothing checks; and a
/// generated link that found no route (an empty href) is caught by following the links.
/// </summary>
public partial class GeneratedLinksTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly string Pages = SourceTree.Pages;

    // An address attribute whose value is an app path ("/", "/People", "/?x"), written out or as a
    // string inside a Razor expression (href="@(a ? "/X" : …)"), and an interpolated string that
    // builds one ($"/Okr?…"). Static files start with "~/", and page names handed to asp-page or
    // Url.Page are not addresses.
    [GeneratedRegex("""\s(?:href|src|action|formaction|hx-get|hx-post|hx-put|hx-patch|hx-delete)\s*=\s*(?:"/(?=[A-Za-z"?#])|'/(?=[A-Za-z'?#])|"@\([^"\n]*(?:"[^"\n]*"[^"\n]*)*?(?<!Page\()"/[A-Za-z])|\$@?"/[A-Za-z]""", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralAppPath();

    [Fact]
    public void No_view_writes_an_app_address_by_hand()
    {
        var files = Directory.EnumerateFiles(Pages, "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);

        var found = files.SelectMany(file => File.ReadLines(file).Select((line, index) => (line, number: index + 1))
                .Where(l => LiteralAppPath().IsMatch(l.line))
                .Select(l => $"{Path.GetRelativePath(Pages, file)}:{l.number}: {l.line.Trim()}"))
            .ToList();

        Assert.True(found.Count == 0, $"{found.Count} address(es) written by hand instead of generated from the routes:\n{string.Join("\n", found)}");
    }

    [Theory]
    [InlineData("""<a href="/People/Details/@person.Id">""")]
    [InlineData("""<a class="brand" href="/">""")]
    [InlineData("""<form action='/People'>""")]
    [InlineData("""<a hx-get="/Units?handler=Level&unit=@line.Id">""")]
    [InlineData("""<div hx-post="/Okr">""")]
    [InlineData("""<button formaction="/Waves/Edit">""")]
    [InlineData("""<iframe src="/Outbox?handler=Body&id=@preview.Id">""")]
    [InlineData("""<a href="@(Model.Id is null ? "/Programmes" : $"/Programmes/Details/{Model.Id}")">""")]
    [InlineData("""    var more = $"/Okr?handler=Roots&periodId={Model.PeriodId}";""")]
    public void A_written_out_address_is_found(string line) => Assert.Matches(LiteralAppPath(), line);

    [Theory]
    [InlineData("""<a asp-page="/People/Details" asp-route-id="@person.Id">""")]
    [InlineData("""<link rel="stylesheet" href="~/css/site.css" asp-append-version="true" />""")]
    [InlineData("""<script src="~/js/htmx.min.js"></script>""")]
    [InlineData("""<a href="@Url.Page("/Training/Index", Model.Query(month: next))">""")]
    [InlineData("""<form hx-post="@Url.Page("/Okr/Teams/Index", "CheckIn", new { id = Model.Unit.Id })">""")]
    [InlineData("""<a href="@(Model.Id is null ? Url.Page("/Okr/Index") : Url.Page("/Okr/Objectives/Details", new { id = Model.Id }))">""")]
    [InlineData("""<a href="https://example.com/help">""")]
    [InlineData("""<a href="#kr-1">""")]
    [InlineData("""<partial name="_EmailForm" model="@(new EmailFormView("/Account/EmailLink", "email-link-form"))" />""")]
    public void A_generated_address_or_a_page_name_is_not_found(string line) => Assert.DoesNotMatch(LiteralAppPath(), line);

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f-]{27}|[0-9]+")]
    private static partial Regex Ids();

    [Fact]
    public async Task Every_link_an_admin_reaches_from_the_home_page_has_an_address_that_answers()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var queue = new Queue<(string Url, bool Htmx, string From)>([("/", false, "start")]);
        var seen = new HashSet<string>();
        // A few of each kind of address (People/Details/N, Units?unit=N…) cover every view that renders links.
        var perShape = new Dictionary<string, int>();
        var problems = new List<string>();
        var followed = 0;
        while (queue.TryDequeue(out var link))
        {
            var shape = (link.Htmx ? "htmx " : "") + Ids().Replace(link.Url, "N");
            if (!seen.Add((link.Htmx ? "htmx " : "") + link.Url) || (perShape[shape] = perShape.GetValueOrDefault(shape) + 1) > 2)
            {
                continue;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, link.Url);
            if (link.Htmx)
            {
                request.Headers.Add("HX-Request", "true");
            }
            using var response = await admin.Client.SendAsync(request);
            followed++;
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"{link.Url} (from {link.From}): {(int)response.StatusCode}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var page = PageSession.Parse(await response.Content.ReadAsStringAsync());
            foreach (var anchor in page.QuerySelectorAll("a"))
            {
                if (anchor.GetAttribute("href") is not { Length: > 0 } href)
                {
                    problems.Add($"{link.Url}: a link without an address: {anchor.OuterHtml}");
                }
                else if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
                {
                    queue.Enqueue((href.Split('#')[0], false, link.Url));
                }
            }
            foreach (var element in page.QuerySelectorAll("[hx-get]"))
            {
                var address = element.GetAttribute("hx-get");
                if (address is not { Length: > 0 } || !address.StartsWith('/'))
                {
                    problems.Add($"{link.Url}: an htmx request without an app address: {element.OuterHtml}");
                }
                else if (element.LocalName != "input")
                {
                    // A search box's request needs what is typed; the unit picker has tests of its own.
                    queue.Enqueue((address, true, link.Url));
                }
            }
        }

        Assert.True(followed > 100, $"only {followed} addresses followed");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

using System.Text.RegularExpressions;

namespace OkrRollout.Tests.Hosting;

/// <summary>
/// The pages hold no inline script or style that a content security policy without 'unsafe-inline'
/// and 'unsafe-eval' would block.
/// </summary>
public partial class SecurityHeadersTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly string Pages = Path.Combine(RepositoryRoot(), "src", "OkrRollout.Web", "Pages");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OkrRollout.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
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

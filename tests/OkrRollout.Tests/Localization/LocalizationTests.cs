using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Import;

namespace OkrRollout.Tests.Localization;

public partial class LocalizationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly string Source = SourceTree.App;

    // Resource names are case-insensitive: "To add" and "to add" would be one entry, so the dictionary is too.
    private static Dictionary<string, string> Resources(string culture) =>
        XDocument.Load(Path.Combine(Source, "Localization", culture.Length == 0 ? "SharedResource.resx" : $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("""(?:\bL|\blocalizer)\["((?:[^"\\]|\\.)*)"|ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"|Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)"|TempData\["Status"\]\s*=\s*(.*);""")]
    private static partial Regex KeyUse();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();

    /// <summary>Every string the code hands to the localiser, the attributes and the status line.</summary>
    private static HashSet<string> KeysUsedInCode()
    {
        var keys = new HashSet<string>(ImportMessages.All);
        var files = Directory.EnumerateFiles(Source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations"));
        foreach (var file in files)
        {
            foreach (Match match in KeyUse().Matches(File.ReadAllText(file)))
            {
                if (match.Groups[4].Success)
                {
                    keys.UnionWith(StringLiteral().Matches(match.Groups[4].Value).Select(m => m.Groups[1].Value));
                }
                else
                {
                    keys.Add(match.Groups.Values.Skip(1).First(g => g.Success).Value.Replace("\\\"", "\""));
                }
            }
        }
        keys.UnionWith(Enum.GetNames<ProgrammeRoleKind>().Select(n => $"Role.{n}"));
        keys.UnionWith(Enum.GetNames<WaveKind>().Select(n => $"WaveKind.{n}"));
        keys.UnionWith(Enum.GetNames<PersonField>().Select(n => $"Field.{n}"));
        keys.UnionWith(Enum.GetNames<WaveState>().Select(n => $"WaveState.{n}"));
        keys.UnionWith(Enum.GetNames<RolloutApproach>().Select(n => $"Approach.{n}"));
        keys.UnionWith(Enum.GetNames<TrainingRequestStatus>().Select(n => $"RequestStatus.{n}"));
        keys.UnionWith(Enum.GetNames<OutboxStatus>().Select(n => $"OutboxStatus.{n}"));
        keys.UnionWith(Enum.GetNames<OkrRollout.Web.Email.EmailTemplate>().SelectMany(t => new[] { "Subject", "Greeting", "Body", "Action" }.Select(part => $"Email.{t}.{part}")));
        keys.Add("Email.Signature");
        keys.UnionWith(Enum.GetNames<ObjectiveStatus>().Select(n => $"ObjectiveStatus.{n}"));
        keys.UnionWith(Enum.GetNames<PeriodState>().Select(n => $"PeriodState.{n}"));
        keys.UnionWith(Enum.GetNames<KeyResultMetric>().Select(n => $"Metric.{n}"));
        keys.UnionWith(Enum.GetNames<ProgressBand>().Select(n => $"Band.{n}"));
        keys.UnionWith(Enum.GetNames<QualityHint>().Select(n => $"Hint.{n}"));
        keys.UnionWith(Enum.GetNames<SessionKind>().Select(n => $"SessionKind.{n}"));
        keys.UnionWith(Enum.GetNames<EnrollmentState>().SelectMany(n => new[] { $"EnrollmentState.{n}", $"EnrollmentState.{n}.Told" }));
        keys.UnionWith(EnrollmentRules.Messages);
        keys.UnionWith(Enum.GetNames<OnboardingStage>().Select(n => $"Stage.{n}"));
        keys.UnionWith(Enum.GetNames<MilestoneCriterion>().Select(n => $"MilestoneCriterion.{n}"));
        keys.UnionWith(Enum.GetNames<MilestoneOutlook>().Select(n => $"MilestoneOutlook.{n}"));
        keys.UnionWith(Enum.GetNames<CheckInActivity>().Select(n => $"CheckInActivity.{n}"));
        keys.RemoveWhere(k => k.Contains("{result.", StringComparison.Ordinal));
        return keys;
    }

    [Fact]
    public void Every_string_used_in_code_has_an_English_and_a_Finnish_text()
    {
        var used = KeysUsedInCode();
        Assert.True(used.Count > 100, $"found only {used.Count} keys: the scan is broken");

        foreach (var culture in new[] { "", "fi" })
        {
            var resources = Resources(culture);
            Assert.Empty(used.Where(k => !resources.ContainsKey(k)).Select(k => $"{culture}: {k}"));
            Assert.Empty(resources.Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => $"{culture}: {r.Key}"));
        }
    }

    [Fact]
    public void Finnish_texts_keep_the_placeholders_of_the_English_ones()
    {
        var english = Resources("");
        var finnish = Resources("fi");
        // The same arguments; their formats may differ (a Finnish date reads 1.9.2026).
        var placeholder = new Regex(@"\{(\d+)(:[^}]*)?\}");
        IEnumerable<string> Arguments(string text) => placeholder.Matches(text).Select(m => m.Groups[1].Value).Distinct().Order();

        Assert.Empty(english.Where(e => !Arguments(e.Value).SequenceEqual(Arguments(finnish[e.Key]))).Select(e => e.Key));
    }

    [Fact]
    public async Task Accept_Language_fi_serves_the_sign_in_page_in_Finnish()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi-FI,fi;q=0.9,en;q=0.5");

        var page = PageSession.Parse(await client.GetStringAsync("/Account/SignIn"));

        Assert.Equal("fi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Kirjaudu sisään", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Sähköposti", page.QuerySelector("label[for=Input_Email]")!.TextContent);
    }

    [Fact]
    public async Task The_language_switcher_sets_the_culture_and_the_persons_preferred_language()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var home = await session.GetAsync("/People");
        Assert.Equal(Language.En, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People.Where(p => p.Email == DemoUsers.Leader).Select(p => p.PreferredLanguage))));

        var finnish = await session.SubmitAsync(home.QuerySelector<IHtmlFormElement>("form.language-switcher")!, submitterSelector: "button[value=fi]");

        Assert.Equal("/People", new Uri(finnish.Url).AbsolutePath);
        Assert.Equal("Henkilöt", finnish.QuerySelector("h1")!.TextContent);
        Assert.Equal("Nimi tai sähköposti", finnish.QuerySelector("label[for=q]")!.TextContent);
        Assert.Equal(Language.Fi, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People.Where(p => p.Email == DemoUsers.Leader).Select(p => p.PreferredLanguage))));
    }

    [Fact]
    public async Task Dates_and_numbers_follow_the_culture()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var english = await session.GetAsync("/");
        Assert.Contains("01/09/2026", english.QuerySelector(".programme table")!.TextContent);

        var switched = await session.SubmitAsync(english.QuerySelector<IHtmlFormElement>("form.language-switcher")!, submitterSelector: "button[value=fi]");
        Assert.Contains("1.9.2026", switched.QuerySelector(".programme table")!.TextContent);
        Assert.Contains("Pilotti", switched.QuerySelector(".programme table")!.TextContent);
    }

    [Fact]
    public async Task A_person_page_in_Finnish_shows_Finnish_role_names()
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var id = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.People.Where(p => p.Email == DemoUsers.Ambassador).Select(p => p.Id)));
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");

        var page = await session.GetAsync($"/People/Details/{id}");

        Assert.Contains("OKR-lähettiläs", page.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode);
    }
}

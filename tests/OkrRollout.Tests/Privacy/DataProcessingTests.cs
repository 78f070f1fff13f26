using System.Data.Common;
using System.Net;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Privacy;
using OkrRollout.Web.Security;
using DashboardModel = OkrRollout.Web.Pages.Dashboard.IndexModel;

namespace OkrRollout.Tests.Privacy;

/// <summary>The app with settings the description must follow, and secrets it must never show.</summary>
public sealed class DataProcessingAppFactory : AppFactory
{
    public const string SsoClientSecret = "sso-secret-never-shown-4711";
    public const string SmtpPassword = "smtp-password-never-shown-0815";

    public DataProcessingAppFactory()
    {
        Settings["Dashboard:MinimumGroupSize"] = "7";
        Settings["Privacy:AuditRetentionDays"] = "100";
        Settings["Privacy:EmailBodyRetentionDays"] = "0";
        Settings["Email:OrganisationName"] = "Proemion GmbH";
        Settings["Email:Transport"] = "Smtp";
        Settings["Email:SmtpHost"] = "smtp.example.test";
        Settings["Email:SmtpPort"] = "587";
        Settings["Email:SmtpEnableSsl"] = "true";
        Settings["Email:SmtpUserName"] = "okr-mailer";
        Settings["Email:SmtpPassword"] = SmtpPassword;
        Settings["Sso:Enabled"] = "true";
        Settings["Sso:DisplayName"] = "Aurora ID";
        Settings["Sso:Authority"] = "https://login.example.test/tenant-1/v2.0";
        Settings["Sso:ClientId"] = "okr-rollout";
        Settings["Sso:ClientSecret"] = SsoClientSecret;
    }
}

public class DataProcessingTests(DataProcessingAppFactory factory) : IClassFixture<DataProcessingAppFactory>
{
    private const string Url = "/Admin/DataProcessing";

    [Fact]
    public async Task An_admin_reads_what_is_stored_who_sees_it_and_for_how_long_as_configured()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var hub = await admin.GetAsync("/Admin");

        var page = await admin.GetAsync(hub.QuerySelector<IHtmlAnchorElement>($"a[href='{Url}']")!.PathName);

        Assert.Equal("Data-processing description", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Proemion GmbH", page.QuerySelector("#controller")!.TextContent);
        Assert.Contains("Europe/Helsinki", page.QuerySelector("#generated")!.TextContent);
        Assert.Contains("7", page.QuerySelector("#minimum-group-size")!.TextContent);
        Assert.Contains("fewer than 7 people", page.QuerySelector("#aggregates-only")!.TextContent);
        Assert.Equal("100 days", page.QuerySelector("#audit-retention")!.TextContent);
        Assert.Equal("kept for ever", page.QuerySelector("#email-body-retention")!.TextContent);
        Assert.Equal("365 days", page.QuerySelector("#erasure-after")!.TextContent);
        Assert.Equal("20 minutes", page.QuerySelector("#link-lifetime")!.TextContent);
        Assert.Contains("smtp.example.test:587 (STARTTLS)", page.QuerySelector("#mail")!.TextContent);
        Assert.Contains("Single sign-on with Aurora ID (issuer https://login.example.test/tenant-1/v2.0)", page.QuerySelector("#sign-in-methods")!.TextContent);
        Assert.Contains(TestDatabase.Engine == OkrRollout.Web.Data.DatabaseEngine.PostgreSql ? "PostgreSQL" : "okrrollout.db", page.QuerySelector("#database")!.TextContent);
        Assert.StartsWith("Off", page.QuerySelector("#scim")!.TextContent);
        Assert.Equal(DataCatalogue.Categories.Count, page.QuerySelectorAll("#categories tbody tr").Length);
        // Derived from the pages' attributes: the Admin area is the Admins' only.
        var adminArea = page.QuerySelector("#areas tr[data-area=Admin]")!;
        Assert.Equal("All", adminArea.QuerySelector("td[data-role=Admin]")!.TextContent);
        Assert.Equal("—", adminArea.QuerySelector("td[data-role=Leader]")!.TextContent);
        Assert.Equal("—", adminArea.QuerySelector("td[data-role=Member]")!.TextContent);
        Assert.NotNull(page.QuerySelector("button[data-print]"));
    }

    [Theory]
    [InlineData(nameof(DemoUsers.Ambassador))]
    [InlineData(nameof(DemoUsers.Leader))]
    [InlineData(nameof(DemoUsers.Member))]
    public async Task Only_admins_open_the_description(string role)
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.EmailOf(role));

        var page = await session.GetAsync(Url, HttpStatusCode.Forbidden);

        Assert.Equal("/Account/AccessDenied", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_drill_down_statement_names_the_roles_its_attribute_admits()
    {
        var policy = typeof(DashboardModel).GetMethod(nameof(DashboardModel.OnGetPeopleAsync))!.GetCustomAttribute<HandlerAuthorizeAttribute>()!.Policy;
        var drillDown = await RolesOfAsync(policy);
        var dashboard = await RolesOfAsync(typeof(DashboardModel).GetCustomAttribute<AuthorizeAttribute>()!.Policy!);
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var page = await admin.GetAsync(Url);

        Assert.Equal($"The list of the named people behind a dashboard figure is open to: {Names(drillDown)}.", page.QuerySelector("#drill-down-access")!.TextContent);
        Assert.StartsWith($"{Names(dashboard.Except(drillDown))}: aggregates only.", page.QuerySelector("#aggregates-only")!.TextContent);
    }

    [Fact]
    public async Task The_description_is_shown_in_Finnish_by_the_language_switcher_or_by_its_link()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var preferred = await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Admin).Select(p => p.PreferredLanguage).SingleAsync());
        var english = await admin.GetAsync(Url);

        var linked = await admin.GetAsync(english.QuerySelector<IHtmlAnchorElement>("#other-language")!.Href);
        Assert.Equal("fi", linked.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Selvitys henkilötietojen käsittelystä", linked.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tallennetut henkilötiedot ja niiden käyttötarkoitus", linked.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal("100 päivää", linked.QuerySelector("#audit-retention")!.TextContent);
        // The link shows one description in Finnish; the reader's own language stays as it was.
        Assert.Equal("Data-processing description", (await admin.GetAsync(Url)).QuerySelector("h1")!.TextContent);
        Assert.Equal(preferred, await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Admin).Select(p => p.PreferredLanguage).SingleAsync()));

        var switched = await admin.SubmitAsync(english.QuerySelector<IHtmlFormElement>("form.language-switcher")!, submitterSelector: "button[value=fi]");
        Assert.Equal(Url, new Uri(switched.Url).AbsolutePath);
        Assert.Equal(
            ["Tallennetut henkilötiedot ja niiden käyttötarkoitus", "Kuka näkee henkilökohtaisia tietoja", "Säilytysajat", "Missä tiedot säilytetään"],
            switched.QuerySelectorAll("h2").Take(4).Select(h => h.TextContent));
        Assert.Equal("This description in English", switched.QuerySelector("#other-language")!.TextContent);
        await admin.SubmitAsync(switched.QuerySelector<IHtmlFormElement>("form.language-switcher")!, submitterSelector: "button[value=en]");
    }

    [Fact]
    public async Task No_secret_from_the_settings_appears_in_the_description()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var html = (await admin.GetAsync(Url)).DocumentElement.OuterHtml;

        Assert.DoesNotContain(DataProcessingAppFactory.SsoClientSecret, html);
        Assert.DoesNotContain(DataProcessingAppFactory.SmtpPassword, html);
        var connection = new DbConnectionStringBuilder { ConnectionString = factory.Database.ConnectionString };
        if (connection.TryGetValue("Password", out var password) && password is string { Length: > 0 } secret)
        {
            Assert.DoesNotContain(secret, html);
        }
    }

    [Fact]
    public async Task Every_table_of_the_database_is_described_in_one_category()
    {
        var entityTypes = await factory.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes().Select(e => e.ClrType).Distinct().ToList()));
        var catalogued = DataCatalogue.Categories.SelectMany(c => c.EntityTypes).ToList();

        Assert.Empty(entityTypes.Where(t => DataCatalogue.For(t) is null).Select(t => t.Name));
        Assert.Empty(catalogued.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key.Name));
        Assert.Empty(catalogued.Except(entityTypes).Select(t => t.Name));
    }

    [Fact]
    public void Every_text_of_the_catalogue_has_an_English_and_a_Finnish_text()
    {
        var texts = DataCatalogue.Categories.SelectMany(c => new[] { c.Name, c.Data, c.Purpose, c.LegalBasis }).ToList();

        foreach (var file in new[] { "SharedResource.resx", "SharedResource.fi.resx" })
        {
            var keys = XDocument.Load(Path.Combine(SourceTree.App, "Localization", file)).Root!.Elements("data")
                .Where(d => !string.IsNullOrWhiteSpace(d.Element("value")!.Value))
                .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Empty(texts.Where(t => !keys.Contains(t)).Select(t => $"{file}: {t}"));
        }
    }

    /// <summary>The roles a registered policy admits, in the app's order of roles.</summary>
    private async Task<List<string>> RolesOfAsync(string policy)
    {
        var registered = (await factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(policy))!;
        var allowed = registered.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles).ToList();
        return [.. Roles.All.Where(role => allowed.All(a => a.Contains(role)))];
    }

    private static string Names(IEnumerable<string> roles)
    {
        var english = XDocument.Load(Path.Combine(SourceTree.App, "Localization", "SharedResource.resx")).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        return string.Join(", ", roles.Select(r => english[$"AppRole.{r}"]));
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Privacy;

/// <summary>The audit trail is complete (every write has an entry, naming whom it was about) and readable on /Admin/Audit.</summary>
public partial class AuditTrailTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_write_that_brings_no_entry_of_its_own_gets_one_naming_what_changed_and_whom()
    {
        var (id, before) = await factory.WithDbAsync(async db => (await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(), await db.AuditEntries.MaxAsync(a => a.Id)));

        await factory.WithDbAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            person.IsLead = !person.IsLead;
            await db.SaveChangesAsync();
        });

        var entry = Assert.Single(await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > before).ToListAsync()));
        Assert.Equal(("system", "saved", nameof(Person), id.ToString(CultureInfo.InvariantCulture), id), (entry.Actor, entry.Action, entry.EntityType, entry.EntityId, entry.AffectedPersonId));
        Assert.Equal($"Person #{id} changed (IsLead)", entry.Details);
    }

    [Fact]
    public async Task A_write_with_its_own_entry_gets_no_second_one_and_its_entry_names_the_person()
    {
        var (id, before) = await factory.WithDbAsync(async db => (await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Select(p => p.Id).Skip(1).FirstAsync(), await db.AuditEntries.MaxAsync(a => a.Id)));

        await factory.WithDbAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == id);
            person.PreferredLanguage = person.PreferredLanguage == Language.Fi ? Language.En : Language.Fi;
            db.Audit(new System.Security.Claims.ClaimsPrincipal(), "person.updated", nameof(Person), id);
            await db.SaveChangesAsync();
        });

        var entry = Assert.Single(await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > before).ToListAsync()));
        Assert.Equal(("person.updated", id), (entry.Action, entry.AffectedPersonId));
    }

    [Fact]
    public async Task Signing_in_is_no_change_to_audit_but_changing_ones_language_is()
    {
        var before = await factory.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id));
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var me = await factory.WithDbAsync(db => db.People.SingleAsync(p => p.Email == DemoUsers.Member));
        Assert.Empty(await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > before && a.Action == "saved").ToListAsync()));

        var switcher = (IHtmlFormElement)(await member.GetAsync("/")).QuerySelector("form.language-switcher")!;
        var other = me.PreferredLanguage == Language.Fi ? "en" : "fi";
        await member.SubmitAsync(switcher, new() { ["culture"] = other });

        var entry = Assert.Single(await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > before && a.Action == "person.language-changed").ToListAsync()));
        Assert.Equal((DemoUsers.Member, me.Id, other), (entry.Actor, entry.AffectedPersonId, entry.Details));
    }

    /// <summary>
    /// Writes that bypass the change tracker are invisible to <see cref="AuditTrail"/>: each file that
    /// makes one writes its own entry, or is the app's bookkeeping, named here with the reason.
    /// </summary>
    private static readonly Dictionary<string, string> BookkeepingWrites = new()
    {
        ["Adoption/AdoptionSnapshotTaker.cs"] = "the nightly figures",
        ["Adoption/StageFactTracker.cs"] = "which units' figures to recompute",
        ["Adoption/StageRollupRefresher.cs"] = "the roll-ups",
        ["Data/DatabaseServiceCollectionExtensions.cs"] = "connection pragmas",
        ["Email/OutboxDispatcher.cs"] = "delivery state, shown on the outbox page",
        ["Email/PersonalLinks.cs"] = "sealing links in queued e-mails",
        ["Import/PeopleImportWorker.cs"] = "the import's own progress",
        ["Pages/People/Import/Preview.cshtml.cs"] = "an import's preview state; the import audits itself",
        ["Security/AppSignInManager.cs"] = "sign-in counters",
        ["Security/CurrentAccess.cs"] = "revoking access, inside the audited deactivation or address change",
        ["Security/SignInLinks.cs"] = "a link used",
        ["Privacy/Retention.cs"] = "retention, audited as one entry per run",
    };

    [Fact]
    public void Every_write_that_bypasses_the_change_tracker_audits_itself_or_is_bookkeeping()
    {
        var unaudited = Directory.EnumerateFiles(SourceTree.App, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path: Path.GetRelativePath(SourceTree.App, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => BulkWrite().IsMatch(f.Text) && !f.Text.Contains(".Audit(") && !f.Text.Contains("SaveWithAuditAsync") && !f.Text.Contains("AuditEntries.Add"))
            .Select(f => f.Path)
            .Where(p => !BookkeepingWrites.ContainsKey(p))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Empty(unaudited);
    }

    [GeneratedRegex(@"\.Execute(Update|Delete|SqlRaw|SqlInterpolated|Sql)Async\(")]
    private static partial Regex BulkWrite();

    private async Task<List<long>> SeedEntriesAsync(string actor, int count, int? personId = null, DateTime? at = null)
    {
        return await factory.WithDbAsync(async db =>
        {
            var entries = Enumerable.Range(0, count).Select(i => new AuditEntry
            {
                AtUtc = at ?? factory.NowUtc,
                Actor = actor,
                Action = "test.seeded",
                EntityType = nameof(Wave),
                EntityId = i.ToString(CultureInfo.InvariantCulture),
                Details = $"entry {i}",
                AffectedPersonId = personId,
            }).ToList();
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync();
            return entries.Select(e => e.Id).ToList();
        });
    }

    [Fact]
    public async Task An_admin_pages_through_one_actors_entries_newest_first()
    {
        var actor = "pager-" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var ids = await SeedEntriesAsync(actor, 120);
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var seen = new List<long>();
        var page = await admin.GetAsync("/Admin/Audit?actor=" + Uri.EscapeDataString(actor.ToUpperInvariant()));
        var pages = 1;
        while (true)
        {
            var rows = page.QuerySelectorAll("#audit-table tbody tr").ToList();
            Assert.All(rows, r => Assert.Equal(actor, r.QuerySelector(".actor")!.TextContent));
            seen.AddRange(rows.Select(r => long.Parse(r.GetAttribute("data-audit-id")!, CultureInfo.InvariantCulture)));
            if (page.QuerySelector<IHtmlAnchorElement>("#audit-older") is not { } older)
            {
                break;
            }
            page = await admin.GetAsync(older.Href);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids.OrderDescending(), seen);
    }

    [Fact]
    public async Task The_filters_narrow_by_person_record_action_and_date_and_an_unknown_person_says_so()
    {
        var person = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive).OrderByDescending(p => p.Id).FirstAsync());
        var actor = "filters-" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var about = await SeedEntriesAsync(actor, 3, person.Id);
        var longAgo = await SeedEntriesAsync(actor, 2, at: factory.NowUtc.AddDays(-40));
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        static List<long> Ids(IHtmlDocument page) => page.QuerySelectorAll("#audit-table tbody tr").Select(r => long.Parse(r.GetAttribute("data-audit-id")!, CultureInfo.InvariantCulture)).ToList();

        var byPerson = await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&person={Uri.EscapeDataString(person.Email)}");
        Assert.Equal(about.OrderDescending(), Ids(byPerson));
        Assert.All(byPerson.QuerySelectorAll("#audit-table .affected"), cell => Assert.Equal(person.Name, cell.TextContent.Trim()));

        var today = factory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(about.OrderDescending(), Ids(await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&from={today}&to={today}")));
        var monthsAgo = factory.Today.AddDays(-41).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var weeksAgo = factory.Today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(longAgo.OrderDescending(), Ids(await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&from={monthsAgo}&to={weeksAgo}")));
        Assert.Equal(5, Ids(await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&entity=Wave&action=test.")).Count);
        Assert.Empty(Ids(await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&entity=Person")));
        Assert.Empty(Ids(await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&action=person.")));

        var backwards = await admin.GetAsync($"/Admin/Audit?actor={Uri.EscapeDataString(actor)}&from={today}&to={weeksAgo}");
        Assert.Equal("The end date is before the start date.", backwards.QuerySelector("#audit-filter .field-validation-error")!.TextContent);
        Assert.Null(backwards.QuerySelector("#audit-table"));

        var unknown = await admin.GetAsync("/Admin/Audit?person=nobody-here%40example.com");
        Assert.Equal("Nobody in the directory has this e-mail.", unknown.QuerySelector("#person-error")!.TextContent);
        Assert.Null(unknown.QuerySelector("#audit-table"));
    }

    [Fact]
    public async Task The_csv_holds_every_matching_entry_not_just_a_page()
    {
        var actor = "csv-" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        await SeedEntriesAsync(actor, 70);
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var link = (await admin.GetAsync("/Admin/Audit?actor=" + Uri.EscapeDataString(actor))).QuerySelector<IHtmlAnchorElement>("#audit-csv")!;

        using var response = await admin.Client.GetAsync(link.Href);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id,at_utc,actor,action,entity_type,entity_id,affected_person_id,details", lines[0]);
        Assert.Equal(70, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains("," + actor + ",test.seeded,Wave,", l));
    }

    [Theory]
    [InlineData(nameof(DemoUsers.Ambassador))]
    [InlineData(nameof(DemoUsers.Leader))]
    [InlineData(nameof(DemoUsers.Member))]
    public async Task Only_admins_read_the_audit_trail(string role)
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.EmailOf(role));

        using var page = await session.Client.GetAsync("/Admin/Audit");
        using var csv = await session.Client.GetAsync("/Admin/Audit?handler=Csv");
        using var hub = await session.Client.GetAsync("/Admin");

        Assert.All([page, csv, hub], r => Assert.Equal("/Account/AccessDenied", r.RequestMessage!.RequestUri!.AbsolutePath));
        Assert.NotEqual("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_finds_the_audit_trail_from_the_navigation()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var hub = (await admin.GetAsync("/")).QuerySelectorAll<IHtmlAnchorElement>("nav a").Single(a => a.PathName == "/Admin");

        var audit = (await admin.GetAsync(hub.Href)).QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.PathName == "/Admin/Audit");
        var page = await admin.GetAsync(audit.Href);

        Assert.Equal("Audit trail", page.QuerySelector("h1")!.TextContent);
        Assert.True(page.QuerySelectorAll("#audit-table tbody tr").Length > 0);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync("/Admin/Audit?handler=Csv")).StatusCode);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Privacy;

/// <summary>/People/DataExport/{id}: everything stored about a person, for Admins only, audited.</summary>
public class PersonDataExportTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly string[] Kinds =
    [
        "person", "signIns", "programmeRoles", "unitsCovered", "waves", "groupsFacilitated", "enrollments", "sessionsTrained", "feedback",
        "objectives", "keyResults", "checkIns", "stageOverrides", "trainingRequests", "calendarFeeds", "signInLinks", "auditEntries", "emails",
    ];

    private Task<PersonWithEverything> PersonAsync() => PersonWithEverything.SeedAsync(factory, "eveliina.export@aurora-telematics.example", "Eveliina Vienti", Language.Fi);

    [Fact]
    public async Task The_json_holds_every_kind_of_record_and_no_secret()
    {
        var person = await PersonAsync();
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        using var response = await admin.Client.GetAsync($"/People/DataExport/{person.Id}?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        Assert.All(Kinds, kind => Assert.True(json.GetProperty(kind).GetArrayLength() > 0, kind));
        Assert.Equal(person.Email, json.GetProperty("person")[0].GetProperty("email").GetString());
        Assert.Equal(person.Feedback, json.GetProperty("feedback")[0].GetProperty("comment").GetString());
        Assert.Equal(person.Note, json.GetProperty("checkIns")[0].GetProperty("note").GetString());
        Assert.Equal(["Member"], json.GetProperty("signIns")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Attended", json.GetProperty("enrollments")[0].GetProperty("state").GetString());
        Assert.EndsWith("Z", json.GetProperty("signInLinks")[0].GetProperty("createdAtUtc").GetString());
        Assert.Contains("Hello Eveliina Vienti", json.GetProperty("emails")[0].GetProperty("text").GetString());
        var hashes = await factory.WithDbAsync(async db => (await db.Users.Where(u => u.Email == person.Email).Select(u => u.PasswordHash!).ToListAsync())
            .Concat(await db.CalendarFeeds.Where(f => f.PersonId == person.Id).Select(f => f.TokenHash).ToListAsync())
            .Concat(await db.SignInLinks.Where(l => l.PersonId == person.Id).Select(l => l.TokenHash).ToListAsync()).ToList());
        Assert.All(hashes, hash => Assert.DoesNotContain(hash, text, StringComparison.Ordinal));
        Assert.DoesNotContain("securityStamp", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_page_shows_every_kind_in_the_persons_language_not_the_admins()
    {
        var person = await PersonAsync();
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var page = await admin.GetAsync($"/People/DataExport/{person.Id}");

        Assert.Equal("fi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Henkilön Eveliina Vienti tiedot", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Sähköposti", page.QuerySelector("#export-person dt:nth-of-type(2)")!.TextContent);
        foreach (var kind in Kinds.Except(["person", "signIns"]))
        {
            Assert.True(page.QuerySelectorAll($"#export-{kind} tbody tr").Length > 0, kind);
        }
        Assert.Contains("Jäsen", page.QuerySelector("#export-signIns")!.TextContent);
        Assert.Contains("OKR-killan jäsen", page.QuerySelector("#export-programmeRoles")!.TextContent);
        Assert.Contains(person.Feedback, page.QuerySelector("#export-feedback")!.TextContent);
        Assert.Contains("Osallistui", page.QuerySelector("#export-enrollments")!.TextContent);
        // The Admin's own pages stay in the Admin's language.
        Assert.Equal("en", (await admin.GetAsync($"/People/Details/{person.Id}")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_page_encodes_what_people_typed_and_can_be_downloaded()
    {
        var person = await PersonAsync();
        await factory.WithDbAsync(db => db.SessionFeedback.Where(f => f.PersonId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Comment, "<script>alert(1)</script>")));
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var page = await admin.GetAsync($"/People/DataExport/{person.Id}");
        using var download = await admin.Client.GetAsync($"/People/DataExport/{person.Id}?download=true");

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector("#export-feedback")!.TextContent);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".html", download.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        await factory.WithDbAsync(db => db.SessionFeedback.Where(f => f.PersonId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Comment, person.Feedback)));
    }

    [Fact]
    public async Task Each_download_is_audited_without_personal_data()
    {
        var person = await PersonAsync();
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "person.data-exported" && a.AffectedPersonId == person.Id));

        await admin.GetAsync($"/People/DataExport/{person.Id}?format=json");
        await admin.GetAsync($"/People/DataExport/{person.Id}");

        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "person.data-exported" && a.AffectedPersonId == person.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(before + 2, entries.Count);
        Assert.All(entries, e => Assert.Equal(DemoUsers.Admin, e.Actor));
        Assert.Equal(["json", "html"], entries.TakeLast(2).Select(e => e.Details));
    }

    [Fact]
    public async Task An_admin_finds_the_downloads_on_the_persons_page_and_the_erasure_once_they_are_deactivated()
    {
        var person = await PersonAsync();
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var details = await admin.GetAsync($"/People/Details/{person.Id}");

        Assert.Equal($"/People/DataExport/{person.Id}?format=json", details.QuerySelector("#data-export-json")!.GetAttribute("href"));
        Assert.Equal($"/People/DataExport/{person.Id}", details.QuerySelector("#data-export-html")!.GetAttribute("href"));
        Assert.Null(details.QuerySelector("#erase-link"));
        var leaver = await PersonWithEverything.SeedAsync(factory, "dora.lahtenyt@aurora-telematics.example", "Dora Lähtenyt", Language.En);
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == leaver.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false).SetProperty(p => p.DeactivatedAtUtc, factory.NowUtc)));
        Assert.Equal($"/People/Erase/{leaver.Id}", (await admin.GetAsync($"/People/Details/{leaver.Id}")).QuerySelector("#erase-link")!.GetAttribute("href"));
        var leader = await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Leader).Select(p => p.Id).SingleAsync());
        Assert.NotNull((await admin.GetAsync($"/People/Details/{leader}")).QuerySelector("#data-export-json"));
    }

    [Theory]
    [InlineData(nameof(DemoUsers.Ambassador))]
    [InlineData(nameof(DemoUsers.Leader))]
    [InlineData(nameof(DemoUsers.Member))]
    public async Task Only_an_admin_sees_or_reaches_any_of_it(string role)
    {
        var person = await PersonWithEverything.SeedAsync(factory, "dora.lahtenyt@aurora-telematics.example", "Dora Lähtenyt", Language.En);
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false).SetProperty(p => p.DeactivatedAtUtc, factory.NowUtc)));
        using var session = await PageSession.SignInAsync(factory, DemoUsers.EmailOf(role));
        var exportsBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "person.data-exported"));

        var details = await session.GetAsync($"/People/Details/{person.Id}");
        Assert.Null(details.QuerySelector("#personal-data"));
        Assert.Null(details.QuerySelector("a[href*='DataExport'], a[href*='Erase']"));
        foreach (var url in new[] { $"/People/DataExport/{person.Id}", $"/People/DataExport/{person.Id}?format=json", $"/People/Erase/{person.Id}" })
        {
            var denied = await session.GetAsync(url, HttpStatusCode.Forbidden);
            Assert.Equal("/Account/AccessDenied", new Uri(denied.Url).AbsolutePath);
        }
        using var post = await session.Client.PostAsync($"/People/Erase/{person.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Confirm"] = "true",
            ["__RequestVerificationToken"] = PageSession.HtmxAntiforgeryToken(details),
        }));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("/Account/AccessDenied", post.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(person.Email, await factory.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Email).SingleAsync()));
        Assert.Equal(exportsBefore, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "person.data-exported")));
    }
}

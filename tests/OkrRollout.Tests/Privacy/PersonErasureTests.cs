using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Dashboard;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Privacy;

namespace OkrRollout.Tests.Privacy;

/// <summary>An Admin erases someone who left, from their page: the person's data goes, the figures stay.</summary>
public class PersonErasureTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Email = "oskari.poistuva@aurora-telematics.example";
    private const string Name = "Oskari Poistuva";

    private async Task<Dictionary<string, string>> DashboardCsvAsync()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var tables = new Dictionary<string, string>();
        foreach (var table in AdoptionCsv.Tables)
        {
            using var response = await leader.Client.GetAsync($"/Dashboard?handler=Csv&table={table}");
            response.EnsureSuccessStatusCode();
            tables[table] = await response.Content.ReadAsStringAsync();
        }
        return tables;
    }

    private async Task<PersonWithEverything> DeactivatedPersonAsync(PageSession admin)
    {
        var person = await PersonWithEverything.SeedAsync(factory, Email, Name, Language.En);
        await factory.WithDbAsync(async db =>
        {
            // Someone else's e-mail that names them: the pseudonym stands in there too.
            var manager = await db.People.Where(p => p.Email == DemoUsers.Leader).SingleAsync();
            db.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAtUtc = factory.NowUtc, RecipientEmail = manager.Email, RecipientName = manager.Name, Language = Language.En, Template = "CheckInEscalation",
                Subject = "Key results without a check-in", TextBody = $"{Name} has not checked in.", HtmlBody = $"<p>{Name} has not checked in.</p>",
                Status = OutboxStatus.Sent, NextAttemptAtUtc = factory.NowUtc, SentAtUtc = factory.NowUtc,
            });
            await db.SaveChangesAsync();
        });
        var edit = await admin.GetAsync($"/People/Edit/{person.Id}");
        var details = await admin.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("form[action*='handler=Deactivate']")!);
        Assert.Equal("Person deactivated.", details.QuerySelector(".status")!.TextContent);
        return person;
    }

    [Fact]
    public async Task Erasing_replaces_the_person_by_a_pseudonym_everywhere_and_leaves_the_dashboard_as_it_was()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var person = await DeactivatedPersonAsync(admin);
        var counts = () => factory.WithDbAsync(async db => (
            await db.Enrollments.CountAsync(e => e.PersonId == person.Id), await db.WaveMembers.CountAsync(m => m.PersonId == person.Id),
            await db.CheckIns.CountAsync(c => c.PersonId == person.Id), await db.SessionFeedback.Where(f => f.PersonId == person.Id).SumAsync(f => f.Score),
            await db.KeyResults.CountAsync(k => k.OwnerId == person.Id), await db.StageOverrides.CountAsync(o => o.PersonId == person.Id)));
        var countsBefore = await counts();
        var dashboardBefore = await DashboardCsvAsync();
        Assert.NotEmpty(await factory.WithDbAsync(db => PersonWithEverything.WhereStoredAsync(db, Email)));

        var erase = await admin.GetAsync((await admin.GetAsync($"/People/Details/{person.Id}")).QuerySelector("#erase-link")!.GetAttribute("href")!);
        var details = await admin.SubmitAsync(erase.QuerySelector<IHtmlFormElement>("#erase-form")!, new() { ["Confirm"] = "true" });

        Assert.Equal("Personal data erased.", details.QuerySelector(".status")!.TextContent);
        Assert.Equal($"Person #{person.Id} (erased)", details.QuerySelector("h1")!.TextContent.Replace("Inactive", "").Trim());
        Assert.StartsWith("Erased on ", details.QuerySelector("#erased-on")!.TextContent);
        Assert.Null(details.QuerySelector("#erase-link"));
        Assert.Equal(dashboardBefore, await DashboardCsvAsync());
        Assert.Equal(countsBefore, await counts());
        Assert.Empty(await factory.WithDbAsync(db => PersonWithEverything.WhereStoredAsync(db, Email)));
        Assert.Empty(await factory.WithDbAsync(db => PersonWithEverything.WhereStoredAsync(db, Name)));

        var stored = await factory.WithDbAsync(async db => new
        {
            Person = await db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id),
            SignIns = await db.Users.CountAsync(u => u.Email == Email || u.Email == PersonErasure.Pseudonym(person.Id).Email),
            Links = await db.SignInLinks.CountAsync(l => l.PersonId == person.Id) + await db.CalendarFeeds.CountAsync(f => f.PersonId == person.Id),
            Mail = await db.OutboxMessages.AsNoTracking().Where(m => m.RecipientEmail == PersonErasure.Pseudonym(person.Id).Email).ToListAsync(),
            Objective = await db.Objectives.Where(o => o.OwnerId == person.Id).Select(o => o.Title).SingleAsync(),
            Erased = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "person.erased" && a.AffectedPersonId == person.Id),
        });
        Assert.Equal(($"erased-{person.Id}@erased.invalid", (string?)null, false), (stored.Person.Email, stored.Person.ExternalId, stored.Person.IsActive));
        Assert.NotNull(stored.Person.ErasedAtUtc);
        Assert.Equal((0, 0), (stored.SignIns, stored.Links));
        Assert.All(stored.Mail, m => Assert.Equal(("", "", "Welcome to OkrRollout"), (m.TextBody, m.HtmlBody, m.Subject)));
        Assert.Equal("Ship the privacy export", stored.Objective);
        Assert.Equal((DemoUsers.Admin, (int?)person.Id, ""), (stored.Erased.Actor, stored.Erased.AffectedPersonId, stored.Erased.Details));

        using var stranger = new PageSession(factory.CreateClient());
        var signIn = await stranger.GetAsync("/Account/SignIn");
        var refused = await stranger.SubmitAsync(signIn.QuerySelector<IHtmlFormElement>("#password-form")!, new()
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = DemoUsers.Password,
        });
        Assert.NotNull(refused.QuerySelector("#Input_Password"));
    }

    [Fact]
    public async Task The_confirmation_says_when_automatic_erasure_would_come_and_nothing_happens_without_the_tick()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var person = await PersonWithEverything.SeedAsync(factory, "ilmari.harkitseva@aurora-telematics.example", "Ilmari Harkitseva", Language.Fi);
        var edit = await admin.GetAsync($"/People/Edit/{person.Id}");
        await admin.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("form[action*='handler=Deactivate']")!);
        var due = factory.Services.GetRequiredService<OkrRollout.Web.Time.OrganisationTime>().DateOf(factory.NowUtc.AddDays(new PrivacyOptions().ErasureAfterDays));

        var erase = await admin.GetAsync($"/People/Erase/{person.Id}");
        var unconfirmed = await admin.SubmitAsync(erase.QuerySelector<IHtmlFormElement>("#erase-form")!);

        Assert.Contains(due.ToString("d", OkrRollout.Web.Localization.AppCultures.English), erase.QuerySelector("#automatic-erasure")!.TextContent);
        Assert.Equal("Tick the box to confirm that the personal data is to be erased.", unconfirmed.QuerySelector("[data-valmsg-for='Confirm']")!.TextContent);
        Assert.Equal(person.Email, await factory.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Email).SingleAsync()));
    }

    [Fact]
    public async Task An_active_person_cannot_be_erased_and_an_erased_one_cannot_be_reactivated_or_edited()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var active = await PersonWithEverything.SeedAsync(factory, "aino.aktiivinen@aurora-telematics.example", "Aino Aktiivinen", Language.Fi);
        Assert.Null((await admin.GetAsync($"/People/Details/{active.Id}")).QuerySelector("#erase-link"));
        Assert.Equal(PersonErasure.StillActive, (await admin.GetAsync($"/People/Erase/{active.Id}")).QuerySelector(".status")!.TextContent);

        var person = await PersonWithEverything.SeedAsync(factory, "pekka.palaava@aurora-telematics.example", "Pekka Palaava", Language.Fi);
        var edit = await admin.GetAsync($"/People/Edit/{person.Id}");
        await admin.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("form[action*='handler=Deactivate']")!);
        var erase = await admin.GetAsync($"/People/Erase/{person.Id}");
        await admin.SubmitAsync(erase.QuerySelector<IHtmlFormElement>("#erase-form")!, new() { ["Confirm"] = "true" });

        var erasedEdit = await admin.GetAsync($"/People/Edit/{person.Id}");
        Assert.Null(erasedEdit.QuerySelector("form[action*='handler=Reactivate']"));
        Assert.Equal(EditModel.ErasedCannotReturn, erasedEdit.QuerySelector("#erased-note")!.TextContent);
        using var reactivate = await admin.HtmxPostAsync($"/People/Edit/{person.Id}?handler=Reactivate", new(), PageSession.HtmxAntiforgeryToken(erasedEdit));
        var saved = await admin.SubmitAsync(erasedEdit.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Name"] = "Pekka Palaava", ["Input.Email"] = "pekka.palaava@aurora-telematics.example" });

        Assert.Equal(EditModel.ErasedCannotReturn, saved.QuerySelector(".status")!.TextContent);
        var stored = await factory.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id));
        Assert.Equal((false, PersonErasure.Pseudonym(person.Id).Email), (stored.IsActive, stored.Email));
        Assert.Null((await admin.GetAsync($"/People/Details/{person.Id}")).QuerySelector("a[href*='/People/Edit']"));
    }
}

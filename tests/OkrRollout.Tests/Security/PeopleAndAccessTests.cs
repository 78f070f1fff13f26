using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Tests.Security;

/// <summary>The roll-out team gives rights, and leaving takes every way in away.</summary>
public class PeopleAndAccessTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private Task<int> ProgrammeIdAsync() => factory.WithDbAsync(db => db.Programmes.Select(p => p.Id).SingleAsync());

    private Task<(int Id, string Email)> PlainPersonAsync(int skip) => factory.WithDbAsync(async db =>
    {
        var person = await db.People.Where(p => p.IsActive && !db.Users.Any(u => u.Email == p.Email) && !db.ProgrammeRoles.Any(r => r.PersonId == p.Id))
            .OrderBy(p => p.Id).Skip(skip).Select(p => new { p.Id, p.Email }).FirstAsync();
        return (person.Id, person.Email);
    });

    [Fact]
    public async Task A_coach_in_the_rollout_team_has_the_ambassador_rights_until_taken_off_it()
    {
        var (_, email) = await PlainPersonAsync(0);
        await factory.CreateSignInAsync(email);
        using var coach = await PageSession.SignInAsync(factory, email);
        await coach.GetAsync("/People/Import", HttpStatusCode.Forbidden);
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var id = await ProgrammeIdAsync();
        var details = await ambassador.GetAsync($"/Programmes/Details/{id}");

        var withCoach = await ambassador.SubmitAsync(details.QuerySelector<IHtmlFormElement>("form[action*='handler=AddRole']")!, new() { ["RoleEmail"] = email, ["RoleKind"] = "Coach" });

        Assert.NotNull((await coach.GetAsync("/People/Import")).QuerySelector("main form"));
        Assert.Contains("Outbox", (await coach.GetAsync("/")).QuerySelector("nav")!.TextContent);
        var roleId = await factory.WithDbAsync(db => db.ProgrammeRoles.Where(r => r.Person.Email == email && r.Role == ProgrammeRoleKind.Coach).Select(r => r.Id).SingleAsync());
        await ambassador.SubmitAsync(withCoach.QuerySelectorAll<IHtmlFormElement>("form[action*='handler=RemoveRole']").Single(f => f.Action.Contains($"roleId={roleId}")));
        await coach.GetAsync("/People/Import", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_sponsor_chosen_on_the_programme_form_joins_the_team_and_sees_the_dashboard()
    {
        var (personId, email) = await PlainPersonAsync(1);
        await factory.CreateSignInAsync(email);
        using var sponsor = await PageSession.SignInAsync(factory, email);
        await sponsor.GetAsync("/Dashboard", HttpStatusCode.Forbidden);
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var id = await ProgrammeIdAsync();
        var edit = await ambassador.GetAsync($"/Programmes/Edit/{id}");

        var details = await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.SponsorEmail"] = email });

        Assert.Contains("Sponsor", details.QuerySelector($"#team")!.TextContent);
        var sponsors = await factory.WithDbAsync(db => db.ProgrammeRoles.Where(r => r.ProgrammeId == id && r.Role == ProgrammeRoleKind.Sponsor).Select(r => r.PersonId).ToListAsync());
        Assert.Equal([personId], sponsors);
        Assert.NotNull((await sponsor.GetAsync("/Dashboard")).QuerySelector("#funnel-table"));

        await ambassador.SubmitAsync((await ambassador.GetAsync($"/Programmes/Edit/{id}")).QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.SponsorEmail"] = "robert.meyer@aurora-telematics.example" });
        await sponsor.GetAsync("/Dashboard", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Deactivating_a_person_ends_their_session_refuses_their_password_and_links_and_reactivating_restores_neither()
    {
        var (personId, email) = await PlainPersonAsync(2);
        await factory.CreateSignInAsync(email);
        using var person = await PageSession.SignInAsync(factory, email);
        var token = OkrRollout.Web.Security.SignInLinks.NewToken();
        await factory.WithDbAsync(async db =>
        {
            db.SignInLinks.Add(new SignInLink { TokenHash = OkrRollout.Web.Security.SignInLinks.Hash(token), PersonId = personId, CreatedAtUtc = factory.NowUtc, ExpiresAtUtc = factory.NowUtc.AddDays(7) });
            await db.SaveChangesAsync();
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var edit = await ambassador.GetAsync($"/People/Edit/{personId}");

        await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("form[action*='handler=Deactivate']")!);

        var next = await person.GetAsync("/");
        Assert.Equal("/Account/SignIn", new Uri(next.Url).AbsolutePath);
        Assert.Null(next.QuerySelector(".whoami"));
        var refused = await person.SubmitAsync(next.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = email, ["Input.Password"] = DemoUsers.Password });
        Assert.Contains("The e-mail address or password is wrong.", refused.QuerySelector(".validation-summary")!.TextContent);

        await ambassador.SubmitAsync((await ambassador.GetAsync($"/People/Edit/{personId}")).QuerySelector<IHtmlFormElement>("form[action*='handler=Reactivate']")!);
        using var withLink = new PageSession(factory.CreateClient());
        Assert.NotNull((await withLink.GetAsync($"/Account/Link/{token}")).QuerySelector("#link-spent"));
        using var again = await PageSession.SignInAsync(factory, email);
        Assert.Equal(email, (await again.GetAsync("/")).QuerySelector(".whoami")!.TextContent);
    }

    [Fact]
    public async Task A_complete_hr_export_without_a_person_signs_them_out_on_their_next_request()
    {
        var (personId, email) = await PlainPersonAsync(3);
        await factory.WithDbAsync(async db =>
        {
            db.SignInLinks.Add(new SignInLink { TokenHash = OkrRollout.Web.Security.SignInLinks.Hash("leaver-token"), PersonId = personId, CreatedAtUtc = factory.NowUtc, ExpiresAtUtc = factory.NowUtc.AddDays(7) });
            await db.SaveChangesAsync();
        });
        using var person = new PageSession(factory.CreateClient());
        var landing = await person.GetAsync("/Account/Link/leaver-token");
        Assert.Equal(email, (await person.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!)).QuerySelector(".whoami")!.TextContent);
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        using var response = await ambassador.Client.GetAsync("/People/Export");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var without = Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Where(l => !l.StartsWith(email + ",", StringComparison.Ordinal))));
        var form = (await ambassador.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;
        var preview = await ambassador.SubmitFilesAsync(form, new() { ["Upload"] = ("hr-export.csv", without) }, new() { ["DeactivateMissing"] = "true" });
        Assert.Equal("1", preview.QuerySelector("#import-summary [data-count=deactivated]")!.TextContent);
        var progress = await ambassador.SubmitAsync(preview.QuerySelector<IHtmlFormElement>("main form.form-actions")!, submitterSelector: "button[formaction*='handler=Confirm']");
        for (var attempt = 0; attempt < 300 && progress.QuerySelector("#import-done, #import-failed") is null; attempt++)
        {
            await Task.Delay(100);
            progress = await ambassador.GetAsync(progress.Url);
        }
        Assert.NotNull(progress.QuerySelector("#import-done"));

        var next = await person.GetAsync("/");
        Assert.Equal("/Account/SignIn", new Uri(next.Url).AbsolutePath);
    }

    [Fact]
    public async Task An_ambassador_cannot_move_someones_sign_in_to_another_address_nor_keep_a_link_sent_to_one()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var adminId = await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Admin).Select(p => p.Id).SingleAsync());

        var edit = await ambassador.GetAsync($"/People/Edit/{adminId}");
        var refused = await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = "attacker@evil.example" });

        Assert.Equal("This person has a sign-in: only an administrator can change their e-mail address.", refused.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Equal(DemoUsers.Admin, await factory.WithDbAsync(db => db.People.Where(p => p.Id == adminId).Select(p => p.Email).SingleAsync()));

        // A person without a sign-in: a link sent while the address was another stops working when it changes back.
        var (personId, email) = await PlainPersonAsync(4);
        var form = (await ambassador.GetAsync($"/People/Edit/{personId}")).QuerySelector<IHtmlFormElement>("main form")!;
        await ambassador.SubmitAsync(form, new() { ["Input.Email"] = "attacker@evil.example" });
        await ambassador.SubmitAsync((await ambassador.GetAsync($"/People/Details/{personId}")).QuerySelector<IHtmlFormElement>("#send-link-form")!);
        var sent = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == "attacker@evil.example"));
        var link = System.Text.RegularExpressions.Regex.Match(factory.AsSent(sent.TextBody), @"/Account/Link/[A-Za-z0-9_-]+").Value;
        await ambassador.SubmitAsync((await ambassador.GetAsync($"/People/Edit/{personId}")).QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = email });

        using var attacker = new PageSession(factory.CreateClient());
        Assert.NotNull((await attacker.GetAsync(link)).QuerySelector("#link-spent"));
    }

    [Fact]
    public async Task An_admin_changing_an_address_moves_the_sign_in_and_ends_its_sessions()
    {
        var (personId, email) = await PlainPersonAsync(5);
        await factory.CreateSignInAsync(email);
        using var person = await PageSession.SignInAsync(factory, email);
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var moved = "moved." + email;

        await admin.SubmitAsync((await admin.GetAsync($"/People/Edit/{personId}")).QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = moved });

        Assert.Equal("/Account/SignIn", new Uri((await person.GetAsync("/")).Url).AbsolutePath);
        using var again = await PageSession.SignInAsync(factory, moved);
        Assert.Equal(moved, (await again.GetAsync("/")).QuerySelector(".whoami")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_complete_export_that_leaves_out_every_administrator_is_refused()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        using var response = await ambassador.Client.GetAsync("/People/Export");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var without = Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Where(l => !l.StartsWith(DemoUsers.Admin + ",", StringComparison.Ordinal))));
        var form = (await ambassador.GetAsync("/People/Import")).QuerySelector<IHtmlFormElement>("main form")!;

        var preview = await ambassador.SubmitFilesAsync(form, new() { ["Upload"] = ("hr-export.csv", without) }, new() { ["DeactivateMissing"] = "true" });

        Assert.Contains($"The file leaves out every administrator ({DemoUsers.Admin}), who would then be locked out.", preview.QuerySelector("main")!.TextContent);
        Assert.Null(preview.QuerySelector("button[formaction*='handler=Confirm']"));
        Assert.True(await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Admin).Select(p => p.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task An_ambassador_cannot_deactivate_themselves_nor_the_last_admin()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        foreach (var (email, reason) in new[]
        {
            (DemoUsers.Ambassador, "You cannot deactivate yourself: another administrator or ambassador can."),
            (DemoUsers.Admin, "This person is the last administrator: make someone else an administrator before deactivating them."),
        })
        {
            var id = await factory.WithDbAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());
            var edit = await ambassador.GetAsync($"/People/Edit/{id}");
            var refused = await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("form[action*='handler=Deactivate']")!);
            Assert.Contains(reason, refused.QuerySelector(".status")!.TextContent);
            Assert.True(await factory.WithDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.IsActive).SingleAsync()));
        }
    }

    [Fact]
    public async Task The_wave_page_shows_who_has_signed_in_and_sends_one_person_a_new_link()
    {
        var (waveId, personId, email) = await factory.WithDbAsync(async db =>
        {
            var member = await db.WaveMembers.Where(m => m.Person.IsActive && !db.Users.Any(u => u.Email == m.Person.Email)).OrderBy(m => m.PersonId).Select(m => new { m.WaveId, m.PersonId, m.Person.Email }).FirstAsync();
            return (member.WaveId, member.PersonId, member.Email);
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}?List.Q={Uri.EscapeDataString(email)}");
        Assert.Equal("Not yet", page.QuerySelector($"#member-{personId} td.sign-in")!.TextContent);
        Assert.Matches(@"^Signed in: \d+ of \d+\.$", page.QuerySelector("#signed-in-count")!.TextContent);

        page.QuerySelector<IHtmlInputElement>($"#tick-{personId}")!.IsChecked = true;
        var sent = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#members-form")!, null, "#send-links");

        Assert.Contains("A new sign-in link is on its way.", sent.QuerySelector(".status")!.TextContent);
        Assert.Equal(1, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientEmail == email && m.Template == "SignInInvitation")));
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        using var forbidden = await member.Client.PostAsync($"/Waves/Details/{waveId}?handler=SendLink",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["PersonIds"] = personId.ToString(), ["__RequestVerificationToken"] = PageSession.HtmxAntiforgeryToken(await member.GetAsync("/")) }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

/// <summary>A production install whose mail settings are still the defaults.</summary>
public sealed class UnconfiguredInstallFactory : AppFactory
{
    public UnconfiguredInstallFactory()
    {
        Settings["Seed:Demo"] = "false";
    }
}

public class ProductionDefaultsTests(UnconfiguredInstallFactory factory) : IClassFixture<UnconfiguredInstallFactory>
{
    [Fact]
    public async Task Admins_are_warned_on_every_page_and_invitations_are_refused_with_the_reason()
    {
        using var session = new PageSession(factory.CreateClient());
        var setup = await session.GetAsync("/Account/Setup");
        var home = await session.SubmitAsync(setup.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.Email"] = "Hanna.Admin@Example.com", ["Input.Password"] = "Correct-Horse-42", ["Input.ConfirmPassword"] = "Correct-Horse-42",
        });
        Assert.Equal("hanna.admin@example.com", home.QuerySelector(".whoami")!.TextContent);
        var audit = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action, a.Details })));
        // The roles the app creates on its first start, then the setup as one entry.
        Assert.All(audit.SkipLast(1), a => Assert.Equal(("system", "saved"), (a.Actor, a.Action)));
        Assert.Equal(("hanna.admin@example.com", "account.first-admin-created"), (audit[^1].Actor, audit[^1].Action));
        var warning = home.QuerySelector("#mail-settings-warning")!.TextContent;
        Assert.Contains("Email:OrganisationName, Email:From, Email:PublicBaseUrl still has its default value", warning);
        Assert.NotNull((await session.GetAsync("/People")).QuerySelector("#mail-settings-warning"));

        var (personId, waveId) = await factory.WithDbAsync(async db =>
        {
            var unit = new OrgUnit { Name = "Kaleva Works", NamePath = "Kaleva Works", IdPath = "" };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            unit.PlaceUnder(null);
            var person = new Person { Name = "Aino Lead", Email = "aino.lead@kaleva.example", UnitId = unit.Id, IsLead = true };
            var programme = new Programme { Name = "OKRs 2027", StartDate = factory.Today, TargetDate = factory.Today.AddMonths(6) };
            db.People.Add(person);
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
            var wave = new Wave { ProgrammeId = programme.Id, Name = "Pilot", PlannedStart = factory.Today, PlannedEnd = factory.Today.AddDays(30) };
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
            db.WaveMembers.Add(new WaveMember { WaveId = wave.Id, ProgrammeId = programme.Id, PersonId = person.Id });
            await db.SaveChangesAsync();
            return (person.Id, wave.Id);
        });
        var wavePage = await session.GetAsync($"/Waves/Details/{waveId}");
        var refused = await session.SubmitAsync(wavePage.QuerySelector<IHtmlFormElement>("#invite-form")!);
        Assert.Contains("E-mail is not set up for your organisation yet: Email:OrganisationName, Email:From, Email:PublicBaseUrl still has its default value", refused.QuerySelector(".status")!.TextContent);
        var users = await session.GetAsync("/Users?q=aino");
        var refusedLink = await session.SubmitAsync(users.QuerySelector<IHtmlFormElement>("tr[data-email='aino.lead@kaleva.example'] form[action*='handler=Invite']")!);
        Assert.Contains("E-mail is not set up for your organisation yet", refusedLink.QuerySelector(".status")!.TextContent);
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SignInLinks.CountAsync(l => l.PersonId == personId)));
    }
}

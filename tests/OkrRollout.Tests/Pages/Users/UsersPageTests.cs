using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Pages.Users;

public class UsersPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>A person of the demo directory who has no sign-in and no place in a roll-out team.</summary>
    private Task<(int Id, string Email, string Name, Language Language)> PlainPersonAsync(Language language, int skip = 0) => factory.WithDbAsync(async db =>
    {
        var person = await db.People.Where(p => p.IsActive && p.PreferredLanguage == language && !p.IsLead
                && !db.Users.Any(u => u.Email == p.Email) && !db.ProgrammeRoles.Any(r => r.PersonId == p.Id))
            .OrderBy(p => p.Id).Skip(skip).Select(p => new { p.Id, p.Email, p.Name, p.PreferredLanguage }).FirstAsync();
        return (person.Id, person.Email, person.Name, person.PreferredLanguage);
    });

    private static IHtmlFormElement RowForm(IHtmlDocument page, string email, string handler) =>
        page.QuerySelectorAll<IHtmlFormElement>($"tr[data-email='{email}'] form").Single(f => f.Action.Contains($"handler={handler}", StringComparison.Ordinal));

    [Theory]
    [InlineData(nameof(DemoUsers.Member))]
    [InlineData(nameof(DemoUsers.Leader))]
    [InlineData(nameof(DemoUsers.Ambassador))]
    public async Task Only_an_admin_opens_the_users_page_or_uses_its_handlers(string role)
    {
        using var session = await PageSession.SignInAsync(factory, DemoUsers.EmailOf(role));
        var token = PageSession.HtmxAntiforgeryToken(await session.GetAsync("/"));
        var before = await factory.WithDbAsync(db => db.UserRoles.CountAsync());
        var outbox = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync());

        await session.GetAsync("/Users", HttpStatusCode.Forbidden);
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Grant", new() { ["email"] = DemoUsers.Member, ["role"] = "Admin" }),
            ("Revoke", new() { ["email"] = DemoUsers.Admin, ["role"] = "Admin" }),
            ("Invite", new() { ["personId"] = "1" }),
            ("InviteMany", new() { ["Bulk.Emails"] = DemoUsers.Member }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            using var response = await session.Client.PostAsync($"/Users?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
        }
        Assert.Equal(before, await factory.WithDbAsync(db => db.UserRoles.CountAsync()));
        Assert.Equal(outbox, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        using var home = await session.Client.GetAsync("/");
        Assert.DoesNotContain("href=\"/Users\"", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_makes_a_member_a_leader_who_sees_the_dashboard_on_the_next_request_until_it_is_taken_away()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var (_, email, name, _) = await PlainPersonAsync(Language.En);
        await factory.CreateSignInAsync(email);
        using var person = await PageSession.SignInAsync(factory, email);
        await person.GetAsync("/Dashboard", HttpStatusCode.Forbidden);

        var page = await admin.GetAsync("/Users?q=" + Uri.EscapeDataString(email));
        Assert.Equal(name, page.QuerySelector($"tr[data-email='{email}'] td a")!.TextContent);
        Assert.StartsWith("With a password", page.QuerySelector($"tr[data-email='{email}'] td.sign-in")!.TextContent.Trim());
        var granted = await admin.SubmitAsync(RowForm(page, email, "Grant"), new() { ["role"] = "Leader" });

        Assert.Contains($"{email} is now Leader.", granted.QuerySelector(".status")!.TextContent);
        Assert.Contains("Leader", granted.QuerySelector($"tr[data-email='{email}'] td.role-list")!.TextContent);
        var dashboard = await person.GetAsync("/Dashboard");
        Assert.NotNull(dashboard.QuerySelector("#funnel-table"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user.role-granted" && a.Details == $"{email}: Leader" && a.Actor == DemoUsers.Admin)));

        var revoked = await admin.SubmitAsync(RowForm(granted, email, "Revoke"));
        Assert.Contains($"{email} is no longer Leader.", revoked.QuerySelector(".status")!.TextContent);
        await person.GetAsync("/Dashboard", HttpStatusCode.Forbidden);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "user.role-revoked" && a.Details == $"{email}: Leader")));
    }

    [Fact]
    public async Task An_admin_cannot_take_their_own_admin_role_but_takes_another_admins()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var page = await admin.GetAsync("/Users?role=Admin");
        Assert.Equal([DemoUsers.Admin], page.QuerySelectorAll("#users-table tbody tr").Select(tr => tr.GetAttribute("data-email")).ToList());

        var refused = await admin.SubmitAsync(RowForm(page, DemoUsers.Admin, "Revoke"));

        Assert.Contains("You cannot take away your own administrator role: another administrator can.", refused.QuerySelector(".status")!.TextContent);
        Assert.Contains("Admin", refused.QuerySelector($"tr[data-email='{DemoUsers.Admin}'] td.role-list")!.TextContent);

        // A tampered form: an address of nobody gets no sign-in and no role.
        var token = PageSession.HtmxAntiforgeryToken(refused);
        using var tampered = await admin.Client.PostAsync("/Users?handler=Grant&email=not-an-address&role=Admin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("Nobody in the directory has this e-mail address.", PageSession.Parse(await tampered.Content.ReadAsStringAsync()).QuerySelector(".status")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "not-an-address")));

        var (_, second, _, _) = await PlainPersonAsync(Language.En, skip: 2);
        var granted = await admin.SubmitAsync(RowForm(await admin.GetAsync("/Users?q=" + Uri.EscapeDataString(second)), second, "Grant"), new() { ["role"] = "Admin" });
        Assert.Contains($"{second} is now Admin.", granted.QuerySelector(".status")!.TextContent);
        var admins = await admin.GetAsync("/Users?role=Admin");
        Assert.Equal(2, admins.QuerySelectorAll("#users-table tbody tr").Length);
        var revoked = await admin.SubmitAsync(RowForm(admins, second, "Revoke"));
        Assert.Contains($"{second} is no longer Admin.", revoked.QuerySelector(".status")!.TextContent);
    }

    [Fact]
    public async Task The_list_filters_by_role_including_the_rollout_team_and_by_how_people_sign_in()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);

        var ambassadors = await admin.GetAsync("/Users?role=Ambassador");
        var emails = ambassadors.QuerySelectorAll("#users-table tbody tr").Select(tr => tr.GetAttribute("data-email")).ToList();
        Assert.Contains(DemoUsers.Ambassador, emails);
        Assert.Contains("sanna.heikkinen@aurora-telematics.example", emails);
        Assert.Contains("Ambassador (roll-out team: Coach)", ambassadors.QuerySelector("tr[data-email='sanna.heikkinen@aurora-telematics.example'] td.role-list")!.TextContent);
        Assert.Null(ambassadors.QuerySelector("tr[data-email='sanna.heikkinen@aurora-telematics.example'] form[action*='handler=Revoke']"));

        using (var member = await PageSession.SignInAsync(factory, DemoUsers.Member))
        {
        }
        var withPassword = await admin.GetAsync("/Users?signIn=Password");
        var rows = withPassword.QuerySelectorAll("#users-table tbody tr");
        Assert.Contains(DemoUsers.Member, rows.Select(tr => tr.GetAttribute("data-email")));
        Assert.All(rows, tr => Assert.StartsWith("With a password", tr.QuerySelector("td.sign-in")!.TextContent.Trim()));
        var never = await admin.GetAsync("/Users?signIn=NeverSignedIn");
        Assert.DoesNotContain(DemoUsers.Member, never.QuerySelectorAll("#users-table tbody tr").Select(tr => tr.GetAttribute("data-email")));
        Assert.All(never.QuerySelectorAll("#users-table tbody td.sign-in"), td => Assert.StartsWith("Never signed in", td.TextContent.Trim()));
        Assert.True(int.Parse(never.QuerySelector("#users-count")!.TextContent.Split(' ')[0]) > 100);
        Assert.NotNull(never.QuerySelector("a[rel=next]"));
        var second = await admin.GetAsync(never.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(50, second.QuerySelectorAll("#users-table tbody tr").Length);
        Assert.Contains("Page 2 of", second.QuerySelector(".pager")!.TextContent);
    }

    [Fact]
    public async Task An_invitation_to_sign_in_goes_out_in_the_persons_language_with_a_link_that_works_once()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var (id, email, name, _) = await PlainPersonAsync(Language.Fi);
        var page = await admin.GetAsync("/Users?q=" + Uri.EscapeDataString(email));

        var sent = await admin.SubmitAsync(RowForm(page, email, "Invite"));

        Assert.Contains("A new sign-in link is on its way.", sent.QuerySelector(".status")!.TextContent);
        var message = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == email && m.Template == nameof(EmailTemplate.SignInInvitation)));
        Assert.Equal("Aurora Telematics: kirjautumislinkkisi OkrRolloutiin", message.Subject);
        Assert.StartsWith($"Hei {name},", message.TextBody);
        var link = System.Text.RegularExpressions.Regex.Match(factory.AsSent(message.TextBody), @"http://localhost:5080(/Account/Link/[A-Za-z0-9_-]+)").Groups[1].Value;
        using var person = new PageSession(factory.CreateClient());
        var landing = await person.GetAsync(link);
        var home = await person.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal(email, home.QuerySelector(".whoami")!.TextContent);
        Assert.NotNull((await new PageSession(factory.CreateClient()).GetAsync(link)).QuerySelector("#link-spent"));

        var after = await admin.GetAsync("/Users?q=" + Uri.EscapeDataString(email));
        Assert.StartsWith("By e-mailed link", after.QuerySelector($"tr[data-email='{email}'] td.sign-in")!.TextContent.Trim());
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "people.sign-in-invited" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Links_for_a_list_refuse_an_unknown_address_and_send_nothing_and_a_units_leads_get_one_each()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var (_, email, _, _) = await PlainPersonAsync(Language.En, skip: 1);
        var before = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync());
        var page = await admin.GetAsync("/Users");

        var refused = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#invite-many-form")!, new() { ["Bulk.Emails"] = $"{email}\nnobody@aurora-telematics.example" });

        Assert.Equal("Nobody active in the directory has the e-mail address(es): nobody@aurora-telematics.example", refused.QuerySelector("[data-valmsg-for='Bulk.Emails']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        var (unitId, leads) = await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/Production");
            return (unit.Id, await db.People.Where(p => p.IsActive && p.IsLead && p.Unit.NamePath.StartsWith("Aurora Telematics/Production")).Select(p => p.Email).ToListAsync());
        });
        var sent = await admin.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("#invite-many-form")!, new() { ["Bulk.Emails"] = email, ["Bulk.UnitId"] = unitId.ToString() });

        Assert.Contains($"{leads.Count + 1} sign-in link(s) sent; 0 left out", sent.QuerySelector(".status")!.TextContent);
        var recipients = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.SignInInvitation)).Select(m => m.RecipientEmail).ToListAsync());
        Assert.Contains(email, recipients);
        Assert.All(leads, lead => Assert.Contains(lead, recipients));
    }
}

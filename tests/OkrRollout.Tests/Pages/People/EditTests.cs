using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.People;

public class EditTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<int> UnitIdAsync(string namePath) =>
        await factory.WithDbAsync(db => db.OrgUnits.Where(u => u.NamePath == namePath).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Adding_a_person_stores_them_and_shows_their_page()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/People/Create")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Name"] = "Helmi Järvinen",
            ["Input.Email"] = " Helmi.Jarvinen@Aurora-Telematics.example ",
            ["Input.UnitId"] = (await UnitIdAsync("Aurora Telematics/Software/Mobile Apps")).ToString(),
            ["Input.IsLead"] = "false",
            ["Input.PreferredLanguage"] = "Fi",
            ["Input.ManagerEmail"] = "heikki.laitinen@aurora-telematics.example",
        });

        Assert.Equal("Helmi Järvinen", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Person added.", page.QuerySelector(".status")!.TextContent);
        var stored = await factory.WithDbAsync(db => db.People.Include(p => p.Manager).SingleAsync(p => p.Email == "helmi.jarvinen@aurora-telematics.example"));
        Assert.Equal("Heikki Laitinen", stored.Manager!.Name);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "person.created" && a.EntityId == stored.Id.ToString() && a.Actor == DemoUsers.Ambassador)));
    }

    [Fact]
    public async Task An_address_with_umlauts_before_the_at_is_accepted_with_a_warning_beside_it()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/People/Create")).QuerySelector<IHtmlFormElement>("main form")!;
        var unit = (await UnitIdAsync("Aurora Telematics/Software/Mobile Apps")).ToString();

        var missingName = await ambassador.SubmitAsync(form, new() { ["Input.Name"] = "", ["Input.Email"] = "jörg.weiß@aurora-telematics.example", ["Input.UnitId"] = unit, ["Input.PreferredLanguage"] = "En" });
        Assert.Contains("SMTPUTF8", missingName.QuerySelector("#email-smtputf8")!.TextContent);

        var page = await ambassador.SubmitAsync(missingName.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Name"] = "Jörg Weiß", ["Input.Email"] = "jörg.weiß@aurora-telematics.example", ["Input.UnitId"] = unit, ["Input.PreferredLanguage"] = "En" });

        Assert.Equal("Person added.", page.QuerySelector(".status")!.TextContent);
        Assert.Contains("SMTPUTF8", page.QuerySelector("#email-smtputf8")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.People.AnyAsync(p => p.Email == "jörg.weiß@aurora-telematics.example")));
        Assert.Null((await ambassador.GetAsync("/People/Create")).QuerySelector("#email-smtputf8"));
    }

    [Fact]
    public async Task Bad_input_gets_messages_beside_the_fields_and_writes_nothing()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/People/Create")).QuerySelector<IHtmlFormElement>("main form")!;
        var before = await factory.WithDbAsync(db => db.People.CountAsync());

        var page = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Name"] = "",
            ["Input.Email"] = DemoUsers.Leader,
            ["Input.UnitId"] = "",
            ["Input.ManagerEmail"] = "nobody@example.com",
        });

        Assert.Equal("Enter the person's name.", page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent);
        Assert.Equal("Somebody in the directory already has this e-mail address.", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        Assert.Equal("Choose a unit.", page.QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.Equal("Nobody in the directory has this e-mail address.", page.QuerySelector("[data-valmsg-for='Input.ManagerEmail']")!.TextContent);
        Assert.Equal(DemoUsers.Leader, page.QuerySelector<IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Equal(before, await factory.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task Editing_changes_the_person_and_a_self_manager_is_refused()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var id = await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Member).Select(p => p.Id).SingleAsync());
        var form = (await ambassador.GetAsync($"/People/Edit/{id}")).QuerySelector<IHtmlFormElement>("main form")!;

        var refused = await ambassador.SubmitAsync(form, new() { ["Input.ManagerEmail"] = DemoUsers.Member });
        Assert.Equal("A person cannot be their own manager.", refused.QuerySelector("[data-valmsg-for='Input.ManagerEmail']")!.TextContent);

        var saved = await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.ManagerEmail"] = "",
            ["Input.PreferredLanguage"] = "En",
            ["Input.IsLead"] = "true",
        });

        Assert.Equal("Changes saved.", saved.QuerySelector(".status")!.TextContent);
        var person = await factory.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((Language.En, true, (int?)null), (person.PreferredLanguage, person.IsLead, person.ManagerId));
    }

    [Fact]
    public async Task A_deactivated_person_leaves_the_list_but_keeps_their_record()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var (id, email) = await factory.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => !p.IsLead && p.Unit.Name == "Assembly").OrderBy(p => p.Id).FirstAsync();
            return (person.Id, person.Email);
        });
        var edit = await ambassador.GetAsync($"/People/Edit/{id}");

        var details = await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("form[action*='handler=Deactivate']")!);

        Assert.Equal("Person deactivated.", details.QuerySelector(".status")!.TextContent);
        Assert.DoesNotContain(email, (await ambassador.GetAsync("/People?q=" + email)).QuerySelectorAll("#people-table td").Select(td => td.TextContent));
        Assert.Contains(email, (await ambassador.GetAsync("/People?status=Inactive&q=" + email)).QuerySelectorAll("#people-table td").Select(td => td.TextContent));
        Assert.False(await factory.WithDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.IsActive).SingleAsync()));
    }
}

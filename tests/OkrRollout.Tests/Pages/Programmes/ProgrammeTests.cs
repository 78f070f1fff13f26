using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Programmes;

public class ProgrammeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private Task<int> ProgrammeIdAsync() => factory.WithDbAsync(db => db.Programmes.Where(p => p.Name == "OKR roll-out 2026").Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task Everybody_reads_the_plan_with_the_demo_under_way()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var id = await ProgrammeIdAsync();

        var details = await member.GetAsync($"/Programmes/Details/{id}");

        var states = details.QuerySelectorAll("#waves tbody tr td:last-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Done", states[0]);
        Assert.Equal("Running", states[1]);
        Assert.Equal(4, states.Count);
        Assert.Contains("Kaisa Virtanen", details.QuerySelector("#team")!.TextContent);
        Assert.Null(details.QuerySelector("form[action*='handler=AddRole']"));
        foreach (var page in new[] { "/Programmes", $"/Programmes/Timeline/{id}", $"/Programmes/Coverage/{id}", $"/Programmes/Unassigned/{id}", "/Guild", "/TrainingRequests" })
        {
            await member.GetAsync(page);
        }
    }

    [Fact]
    public async Task A_member_cannot_change_the_plan()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var id = await ProgrammeIdAsync();
        var token = PageSession.HtmxAntiforgeryToken(await member.GetAsync($"/Programmes/Details/{id}"));

        using var addRole = await member.HtmxPostAsync($"/Programmes/Details/{id}?handler=AddRole", new() { ["RoleEmail"] = DemoUsers.Member, ["RoleKind"] = "Ambassador" }, token);
        using var assign = await member.HtmxPostAsync($"/Programmes/Coverage/{id}?handler=Assign", new() { ["CoachId"] = "1", ["UnitId"] = "1" }, token);

        // htmx gets told to load the access-denied page instead of a redirect it would follow silently.
        Assert.Contains("/Account/AccessDenied", addRole.Headers.GetValues("HX-Redirect").Single());
        Assert.Contains("/Account/AccessDenied", assign.Headers.GetValues("HX-Redirect").Single());
        await member.GetAsync("/Programmes/Edit", HttpStatusCode.Forbidden);
        await member.GetAsync($"/Waves/Edit?programmeId={id}", HttpStatusCode.Forbidden);
        Assert.False(await factory.WithDbAsync(db => db.ProgrammeRoles.AnyAsync(r => r.Person.Email == DemoUsers.Member && r.Role == ProgrammeRoleKind.Ambassador)));
    }

    [Fact]
    public async Task A_programme_whose_target_is_before_its_start_is_refused()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/Programmes/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Name"] = "Re-launch 2027",
            ["Input.StartDate"] = "2027-03-01",
            ["Input.TargetDate"] = "2027-02-01",
            ["Input.SponsorEmail"] = "ghost@example.com",
        });

        Assert.Equal("The target date must be after the start date.", page.QuerySelector("[data-valmsg-for='Input.TargetDate']")!.TextContent);
        Assert.Equal("Nobody in the directory has this e-mail address.", page.QuerySelector("[data-valmsg-for='Input.SponsorEmail']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Name == "Re-launch 2027")));

        var created = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.TargetDate"] = "2027-09-30",
            ["Input.SponsorEmail"] = DemoUsers.Leader,
            ["Input.Why"] = "A second division joins.",
            ["Input.WhyFi"] = "Toinen divisioona liittyy mukaan.",
        });
        Assert.Equal("Re-launch 2027", created.QuerySelector("h1")!.TextContent);
        // Each reader sees the why in their own language.
        Assert.Contains("A second division joins.", created.QuerySelector("blockquote.why")!.TextContent);
        var programmeUrl = await factory.WithDbAsync(db => db.Programmes.Where(p => p.Name == "Re-launch 2027").Select(p => p.Id).SingleAsync());
        ambassador.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");
        Assert.Contains("Toinen divisioona liittyy mukaan.", (await ambassador.GetAsync($"/Programmes/Details/{programmeUrl}")).QuerySelector("blockquote.why")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "programme.created")));
    }

    [Fact]
    public async Task A_programme_targeting_year_9999_is_refused_beside_the_field_in_the_readers_language()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var form = (await ambassador.GetAsync("/Programmes/Edit")).QuerySelector<IHtmlFormElement>("main form")!;
        var values = new Dictionary<string, string> { ["Input.Name"] = "Forever 9999", ["Input.StartDate"] = "1999-12-31", ["Input.TargetDate"] = "9999-12-31" };

        var english = await ambassador.SubmitAsync(form, values);
        ambassador.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");
        var finnish = await ambassador.SubmitAsync(form, values);

        Assert.Equal("Enter a date from 01/01/2000 to 31/12/2100.", english.QuerySelector("[data-valmsg-for='Input.StartDate']")!.TextContent);
        Assert.Equal("Enter a date from 01/01/2000 to 31/12/2100.", english.QuerySelector("[data-valmsg-for='Input.TargetDate']")!.TextContent);
        Assert.Equal("Anna päivämäärä väliltä 1.1.2000–31.12.2100.", finnish.QuerySelector("[data-valmsg-for='Input.TargetDate']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Name == "Forever 9999")));
    }

    [Fact]
    public async Task Adding_a_coach_and_covering_the_lagging_unit()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var id = await ProgrammeIdAsync();
        var coachEmail = "paivi.rantanen@aurora-telematics.example";
        var details = await ambassador.GetAsync($"/Programmes/Details/{id}");

        var withRole = await ambassador.SubmitAsync(details.QuerySelector<IHtmlFormElement>("form[action*='handler=AddRole']")!, new() { ["RoleEmail"] = coachEmail, ["RoleKind"] = "Coach" });
        Assert.Contains("Päivi Rantanen", withRole.QuerySelector("#team")!.TextContent);
        var twice = await ambassador.SubmitAsync(withRole.QuerySelector<IHtmlFormElement>("form[action*='handler=AddRole']")!, new() { ["RoleEmail"] = coachEmail, ["RoleKind"] = "Coach" });
        Assert.Equal("This person already has this role.", twice.QuerySelector("[data-valmsg-for='RoleEmail']")!.TextContent);

        var coverage = await ambassador.GetAsync($"/Programmes/Coverage/{id}");
        Assert.NotNull(coverage.QuerySelector("tr.uncovered[data-unit='Aurora Telematics/Production/Assembly']"));
        var (personId, unitId) = await factory.WithDbAsync(async db => (
            await db.People.Where(p => p.Email == coachEmail).Select(p => p.Id).SingleAsync(),
            await db.OrgUnits.Where(u => u.NamePath == "Aurora Telematics/Production").Select(u => u.Id).SingleAsync()));

        var after = await ambassador.SubmitAsync(coverage.QuerySelector<IHtmlFormElement>("#assign-form")!, new() { ["CoachId"] = personId.ToString(), ["UnitId"] = unitId.ToString() });

        Assert.Null(after.QuerySelector("tr.uncovered[data-unit='Aurora Telematics/Production/Assembly']"));
        Assert.Equal("Päivi Rantanen", after.QuerySelector("tr[data-unit='Aurora Telematics/Production/Assembly'] td:last-child")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_timeline_draws_every_wave_its_milestones_and_today()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var id = await ProgrammeIdAsync();
        var waves = await factory.WithDbAsync(db => db.Waves.CountAsync(w => w.ProgrammeId == id));

        var page = await leader.GetAsync($"/Programmes/Timeline/{id}");

        var svg = page.QuerySelector("svg#timeline")!;
        Assert.Equal(waves, svg.QuerySelectorAll("g.wave-row").Length);
        Assert.Equal(waves, svg.QuerySelectorAll("rect.planned").Length);
        Assert.Equal(2, svg.QuerySelectorAll("rect.actual").Length);
        Assert.Equal(waves, svg.QuerySelectorAll("path.milestone").Length);
        Assert.Contains("Timeline of", svg.QuerySelector("title")!.TextContent);
        Assert.Equal(waves, page.QuerySelectorAll("#timeline-table tbody tr").Length);
    }

    [Fact]
    public async Task People_not_in_any_wave_are_listed()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var id = await ProgrammeIdAsync();
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/HR/People & Culture");
            db.People.Add(new Person { Name = "Newcomer Niemi", Email = "newcomer.niemi@aurora-telematics.example", UnitId = unit.Id });
            await db.SaveChangesAsync();
        });

        var page = await ambassador.GetAsync($"/Programmes/Unassigned/{id}");

        Assert.Contains("Newcomer Niemi", page.QuerySelector("#unassigned-people")!.TextContent);
        Assert.StartsWith("1 active", page.QuerySelector("#unassigned-count")!.TextContent);
    }
}

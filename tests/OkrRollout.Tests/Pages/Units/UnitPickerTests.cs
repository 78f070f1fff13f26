using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Pages.Units;

/// <summary>The demo's 20 units with the limits of a large organisation scaled down: more units than the picker lists in full.</summary>
public sealed class ManyUnitsAppFactory : AppFactory
{
    public ManyUnitsAppFactory()
    {
        Settings["UnitPicker:FullListLimit"] = "5";
        Settings["UnitPicker:ListedDepth"] = "1";
    }
}

public class UnitPickerTests(ManyUnitsAppFactory factory) : IClassFixture<ManyUnitsAppFactory>
{
    private const string MobileApps = "Aurora Telematics/Software/Mobile Apps";

    private Task<int> UnitIdAsync(string path) => factory.WithDbAsync(db => db.OrgUnits.Where(u => u.NamePath == path).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Past_the_limit_the_people_filter_lists_the_top_levels_and_a_search_box_finds_any_unit()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var page = await member.GetAsync("/People");

        var listed = page.QuerySelectorAll("#unit option").Skip(1).Select(o => o.TextContent).ToList();
        var topLevels = await factory.WithDbAsync(db => db.OrgUnits.CountAsync(u => u.ParentId == null || u.Parent!.ParentId == null));
        Assert.Equal(topLevels, listed.Count);
        Assert.DoesNotContain(listed, o => o.Contains("Mobile Apps"));
        var search = page.QuerySelector("#unit-search")!;
        Assert.Equal("/Units/Search", search.GetAttribute("hx-get"));
        Assert.Equal("not unitTerm", page.QuerySelector("form.filters")!.GetAttribute("hx-params"));

        // What htmx sends with the typed term: the values the box carries (its hx-vals must be one JSON object).
        using var values = System.Text.Json.JsonDocument.Parse(search.GetAttribute("hx-vals")!);
        var query = string.Join("&", values.RootElement.EnumerateObject()
            .Where(v => v.Value.ValueKind != System.Text.Json.JsonValueKind.Null)
            .Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value.ToString())}"));
        var found = await member.HtmxGetAsync($"/Units/Search?unitTerm=MOBILE&{query}");
        Assert.Equal(["All units", MobileApps], found.QuerySelectorAll("option").Select(o => o.TextContent).ToList());
    }

    [Fact]
    public async Task The_search_ignores_case_in_Finnish_letters_too()
    {
        await factory.WithDbAsync(async db =>
        {
            var hr = await db.OrgUnits.SingleAsync(u => u.NamePath == "Aurora Telematics/HR");
            var unit = new OkrRollout.Web.Domain.OrgUnit { Name = "Äänitiimi", Parent = hr, NamePath = hr.NamePath + "/Äänitiimi" };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            unit.PlaceUnder(hr);
            await db.SaveChangesAsync();
        });
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var found = await member.HtmxGetAsync("/Units/Search?unitTerm=%C3%A4%C3%A4NI&empty=None");

        Assert.Equal(["–", "Aurora Telematics/HR/Äänitiimi"], found.QuerySelectorAll("option").Select(o => o.TextContent).ToList());
    }

    [Fact]
    public async Task A_chosen_unit_deeper_than_the_listed_levels_stays_in_the_list_and_filters()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var mobileApps = await UnitIdAsync(MobileApps);

        var page = await member.GetAsync($"/People?unit={mobileApps}");

        Assert.Equal(mobileApps.ToString(), page.QuerySelector<IHtmlSelectElement>("#unit")!.Value);
        Assert.All(page.QuerySelectorAll("#people-table tbody tr td:nth-child(3)"), td => Assert.Equal(MobileApps, td.TextContent));
        var searched = await member.HtmxGetAsync($"/Units/Search?unitTerm=hr&selected={mobileApps}&empty=AllUnits");
        Assert.Contains(searched.QuerySelectorAll("option"), o => o.GetAttribute("value") == mobileApps.ToString() && o.HasAttribute("selected"));
    }

    [Fact]
    public async Task A_person_is_moved_to_a_unit_found_by_searching()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var personId = await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Member).Select(p => p.Id).SingleAsync());
        var edit = await ambassador.GetAsync($"/People/Edit/{personId}");
        var option = (await ambassador.HtmxGetAsync("/Units/Search?unitTerm=mobile%20apps&empty=ChooseUnit")).QuerySelectorAll("option").Last();

        await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.UnitId"] = option.GetAttribute("value")! });

        Assert.Equal(MobileApps, await factory.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Unit.NamePath).SingleAsync()));
    }

    [Fact]
    public async Task Searching_units_requires_signing_in()
    {
        using var anonymous = factory.CreateRawClient();

        using var response = await anonymous.GetAsync("/Units/Search?unitTerm=mobile");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.ToString());
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Okr;

public class OkrTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Root = "Aurora Telematics";

    private Task<int> UnitIdAsync(string path) => factory.WithDbAsync(db => db.OrgUnits.Where(u => u.NamePath == path).Select(u => u.Id).SingleAsync());

    private Task<int> PeriodIdAsync(string name) => factory.WithDbAsync(db => db.Periods.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

    private Task<int> ObjectiveIdAsync(string title) => factory.WithDbAsync(db => db.Objectives.Where(o => o.Title == title).Select(o => o.Id).SingleAsync());

    private async Task<string> LeadOfAsync(string unitPath) =>
        await factory.CreateSignInAsync(await factory.WithDbAsync(db => db.People.Where(p => p.IsLead && p.Unit.NamePath == unitPath).Select(p => p.Email).FirstAsync()));

    [Fact]
    public async Task Everybody_sees_the_alignment_tree_with_progress_and_opens_a_branch_with_htmx()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var periodId = await PeriodIdAsync("Sep–Dec 2026");

        var tree = await member.GetAsync($"/Okr?periodId={periodId}");

        var roots = tree.QuerySelectorAll("#okr-tree > li").ToList();
        Assert.Contains(roots, r => r.TextContent.Contains("Customers trust our data platform"));
        var company = roots.Single(r => r.TextContent.Contains("Customers trust our data platform"));
        Assert.Empty(company.QuerySelectorAll("ul li"));
        var expand = company.QuerySelector("button.toggle")!.GetAttribute("hx-get")!;

        var branch = await member.HtmxGetAsync(expand);

        Assert.Null(branch.QuerySelector("header.topbar"));
        Assert.Contains(branch.QuerySelectorAll("li.tree-node a"), a => a.TextContent == "A platform our customers never have to think about");
        var everything = await member.GetAsync($"/Okr?periodId={periodId}&expand=all");
        // The branch (read on its own) holds the same children, with the same numbers below them, as the fully opened tree.
        var companyId = company.GetAttribute("data-objective-id");
        var opened = everything.QuerySelector($"li[data-objective-id='{companyId}'] > ul")!.Children.Select(li => (li.GetAttribute("data-objective-id"), li.Children.Single(c => c.LocalName == "ul").Children.Length));
        Assert.Equal(opened, branch.QuerySelectorAll("body > li").Select(li => (li.GetAttribute("data-objective-id"), int.Parse(li.QuerySelector("button.toggle")?.TextContent.Replace("+", "").Trim() ?? "0"))));
        var nested = everything.QuerySelector("li[data-objective-id] li[data-objective-id] li[data-objective-id]")!;
        Assert.Contains("Releases reach customers without drama", nested.TextContent);
        Assert.Matches(@"0\.\d\d", nested.QuerySelector(".progress-value")!.TextContent);
        foreach (var page in new[] { "/Okr/Mine", "/Okr/Periods", $"/Okr/Retros?periodId={periodId}", $"/Okr/Teams/{await UnitIdAsync(Root + "/Software/Cloud Platform")}" })
        {
            await member.GetAsync(page);
        }
    }

    [Fact]
    public async Task A_cycle_or_period_ending_in_year_9999_is_refused()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync("/Okr/Periods");
        var cycles = await factory.WithDbAsync(db => db.Cycles.CountAsync());
        var periods = await factory.WithDbAsync(db => db.Periods.CountAsync());

        var cycle = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#add-cycle-form")!, new() { ["Input.Name"] = "Forever", ["Input.StartDate"] = "2027-01-01", ["Input.EndDate"] = "9999-12-31" });
        var period = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#add-period-form")!, new() { ["Input.Name"] = "Forever", ["Input.StartDate"] = "1999-12-31", ["Input.EndDate"] = "2027-03-31" });

        Assert.Contains("Enter a date from 01/01/2000 to 31/12/2100.", cycle.QuerySelector(".validation-summary")!.TextContent);
        Assert.Contains("Enter a date from 01/01/2000 to 31/12/2100.", period.QuerySelector(".validation-summary")!.TextContent);
        Assert.Equal((cycles, periods), (await factory.WithDbAsync(db => db.Cycles.CountAsync()), await factory.WithDbAsync(db => db.Periods.CountAsync())));
    }

    [Fact]
    public async Task A_member_who_leads_nothing_cannot_draft_for_another_unit_or_edit_others_objectives()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var objectiveId = await ObjectiveIdAsync("Dashboards customers open every Monday");

        await member.GetAsync($"/Okr/Objectives/Edit/{objectiveId}", HttpStatusCode.Forbidden);
        var form = (await member.GetAsync("/Okr/Objectives/Edit")).QuerySelector<IHtmlFormElement>("main form")!;
        var refused = await member.SubmitAsync(form, new() { ["Input.Title"] = "Mine", ["Input.UnitId"] = (await UnitIdAsync(Root + "/HR")).ToString() });

        Assert.Equal("You can draft objectives only for your own unit and the units below it.", refused.QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Objectives.AnyAsync(o => o.Title == "Mine")));
    }

    [Fact]
    public async Task An_objective_for_a_unit_that_does_not_exist_is_refused_beside_the_field()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var parent = await ObjectiveIdAsync("A platform our customers never have to think about");
        var form = (await ambassador.GetAsync("/Okr/Objectives/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        // With a parent, the alignment check looked the unit up and threw; without one, saving broke the foreign key.
        var aligned = await ambassador.SubmitAsync(form, new() { ["Input.Title"] = "Nowhere", ["Input.UnitId"] = "999999", ["Input.ParentId"] = parent.ToString() });
        var alone = await ambassador.SubmitAsync(form, new() { ["Input.Title"] = "Nowhere", ["Input.UnitId"] = "999999", ["Input.ParentId"] = "" });

        Assert.Equal("Choose a unit.", aligned.QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.Equal("Choose a unit.", alone.QuerySelector("[data-valmsg-for='Input.UnitId']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Objectives.AnyAsync(o => o.Title == "Nowhere")));
    }

    [Fact]
    public async Task Alignment_must_go_up_within_the_period()
    {
        using var lead = await PageSession.SignInAsync(factory, await LeadOfAsync(Root + "/Software"));
        var software = await UnitIdAsync(Root + "/Software");
        var teamObjective = await ObjectiveIdAsync("Releases reach customers without drama");
        var functionObjective = await ObjectiveIdAsync("A platform our customers never have to think about");
        var form = (await lead.GetAsync($"/Okr/Objectives/Edit?unitId={software}")).QuerySelector<IHtmlFormElement>("main form")!;

        var lower = await lead.SubmitAsync(form, new() { ["Input.Title"] = "Function objective", ["Input.ParentId"] = teamObjective.ToString() });
        Assert.StartsWith("Align to an objective of a higher level", lower.QuerySelector("[data-valmsg-for='Input.ParentId']")!.TextContent);

        var otherPeriod = await lead.SubmitAsync(lower.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.Title"] = "Function objective",
            ["Input.PeriodId"] = (await PeriodIdAsync("Jan–Apr 2027")).ToString(),
            ["Input.ParentId"] = (await ObjectiveIdAsync("Customers trust our data platform for their daily decisions")).ToString(),
        });
        Assert.Equal("Align to an objective of the same period.", otherPeriod.QuerySelector("[data-valmsg-for='Input.ParentId']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Objectives.AnyAsync(o => o.Title == "Function objective")));

        // The company objective cannot go under the function objective that is aligned to it (cycles are unit-tested).
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var company = await ObjectiveIdAsync("Customers trust our data platform for their daily decisions");
        var edit = (await admin.GetAsync($"/Okr/Objectives/Edit/{company}")).QuerySelector<IHtmlFormElement>("main form")!;
        var circle = await admin.SubmitAsync(edit, new() { ["Input.ParentId"] = functionObjective.ToString() });
        Assert.StartsWith("Align to an objective of a higher level", circle.QuerySelector("[data-valmsg-for='Input.ParentId']")!.TextContent);
        Assert.Null(await factory.WithDbAsync(db => db.Objectives.Where(o => o.Id == company).Select(o => o.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task A_key_result_whose_target_equals_its_start_is_refused_and_concurrent_edits_are_told()
    {
        using var lead = await PageSession.SignInAsync(factory, await LeadOfAsync(Root + "/Operations/Customer Support"));
        var objectiveId = await ObjectiveIdAsync("Customers get answers the same day");
        var form = (await lead.GetAsync($"/Okr/KeyResults/Edit?objectiveId={objectiveId}")).QuerySelector<IHtmlFormElement>("main form")!;

        var refused = await lead.SubmitAsync(form, new() { ["Input.Title"] = "Repeat questions per week", ["Input.StartValue"] = "40", ["Input.TargetValue"] = "40" });
        Assert.Equal("The target must differ from the start: otherwise there is nothing to measure.", refused.QuerySelector("[data-valmsg-for='Input.TargetValue']")!.TextContent);

        var saved = await lead.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.TargetValue"] = "10" });
        Assert.Contains("Repeat questions per week", saved.QuerySelector("main")!.TextContent);
        var keyResultId = await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Title == "Repeat questions per week").Select(k => k.Id).SingleAsync());

        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var first = (await lead.GetAsync($"/Okr/KeyResults/Edit/{keyResultId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var second = (await ambassador.GetAsync($"/Okr/KeyResults/Edit/{keyResultId}")).QuerySelector<IHtmlFormElement>("main form")!;
        await lead.SubmitAsync(first, new() { ["Input.TargetValue"] = "8" });
        var told = await ambassador.SubmitAsync(second, new() { ["Input.TargetValue"] = "5" });

        Assert.Contains("Somebody else changed this", told.QuerySelector(".validation-summary")!.TextContent);
        Assert.Equal(8, await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == keyResultId).Select(k => k.TargetValue).SingleAsync()));
    }

    [Fact]
    public async Task The_team_checks_in_all_key_results_in_one_htmx_form_and_a_bad_confidence_saves_nothing()
    {
        var leadEmail = await LeadOfAsync(Root + "/Software/Cloud Platform");
        using var lead = await PageSession.SignInAsync(factory, leadEmail);
        var unitId = await UnitIdAsync(Root + "/Software/Cloud Platform");
        var page = await lead.GetAsync($"/Okr/Teams/{unitId}");
        var rows = page.QuerySelectorAll("#check-in-form tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var before = await factory.WithDbAsync(db => db.CheckIns.CountAsync());
        var form = page.QuerySelector<IHtmlFormElement>("#check-in-form")!;
        var fields = new Dictionary<string, string>
        {
            ["CheckIns[0].KeyResultId"] = rows[0].GetAttribute("data-kr-id")!,
            ["CheckIns[0].Value"] = "1",
            ["CheckIns[0].Confidence"] = "11",
            ["CheckIns[1].KeyResultId"] = rows[1].GetAttribute("data-kr-id")!,
            ["CheckIns[1].Value"] = "30",
            ["CheckIns[1].Confidence"] = "8",
            ["CheckIns[1].Note"] = "Pipeline stages in parallel.",
        };
        var token = PageSession.HtmxAntiforgeryToken(page);

        using var bad = await lead.HtmxPostAsync(form.GetAttribute("hx-post")!, fields, token);
        var badForm = PageSession.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal("Confidence is a number from 0 to 10.", badForm.QuerySelector("[data-valmsg-for='CheckIns[0].Confidence']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.CheckIns.CountAsync()));

        fields["CheckIns[0].Confidence"] = "6";
        using var good = await lead.HtmxPostAsync(form.GetAttribute("hx-post")!, fields, token);
        var saved = PageSession.Parse(await good.Content.ReadAsStringAsync());

        Assert.Equal("Checked in 2 key result(s).", saved.QuerySelector("#check-in-saved")!.TextContent);
        Assert.Equal(before + 2, await factory.WithDbAsync(db => db.CheckIns.CountAsync()));
        var keyResultId = int.Parse(rows[1].GetAttribute("data-kr-id")!);
        Assert.Equal(30, await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == keyResultId).Select(k => k.CurrentValue).SingleAsync()));
        // The team's table comes along out of band, so the lead sees the new progress and check-in without a reload.
        var table = saved.QuerySelector("#team-okrs[hx-swap-oob=true]")!;
        Assert.Contains("· 8/10", table.QuerySelector($"tr[data-kr-id='{keyResultId}']")!.TextContent);
        var details = await lead.GetAsync($"/Okr/Objectives/Details/{await ObjectiveIdAsync("Releases reach customers without drama")}");
        Assert.Contains("Pipeline stages in parallel.", details.QuerySelector($"#kr-{keyResultId} .check-ins")!.TextContent);
        Assert.NotNull(details.QuerySelector($"#kr-{keyResultId} svg.sparkline polyline"));

        // The form shows the last check-in while writing the next.
        var again = await lead.GetAsync($"/Okr/Teams/{unitId}");
        Assert.StartsWith("Last: 30 on", again.QuerySelector($"#check-in-form tr[data-kr-id='{keyResultId}'] .previous-check-in")!.TextContent);
        Assert.Contains("Pipeline stages in parallel.", again.QuerySelector($"#check-in-form tr[data-kr-id='{keyResultId}'] .previous-check-in")!.TextContent);

        // A missed week filled in later keeps its own day and does not overwrite the newer value; no day to come.
        var missed = factory.Today.AddDays(-7);
        var backfill = new Dictionary<string, string>
        {
            ["CheckIns[0].KeyResultId"] = keyResultId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CheckIns[0].Value"] = "20",
            ["CheckIns[0].Confidence"] = "7",
            ["CheckInDate"] = factory.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        using var future = await lead.HtmxPostAsync(form.GetAttribute("hx-post")!, backfill, token);
        Assert.Equal("A check-in cannot be for a day still to come.", PageSession.Parse(await future.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='CheckInDate']")!.TextContent);
        backfill["CheckInDate"] = missed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var late = await lead.HtmxPostAsync(form.GetAttribute("hx-post")!, backfill, token);
        Assert.NotNull(PageSession.Parse(await late.Content.ReadAsStringAsync()).QuerySelector("#check-in-saved"));
        Assert.True(await factory.WithDbAsync(db => db.CheckIns.AnyAsync(c => c.KeyResultId == keyResultId && c.Date == missed && c.Value == 20)));
        Assert.Equal(30, await factory.WithDbAsync(db => db.KeyResults.Where(k => k.Id == keyResultId).Select(k => k.CurrentValue).SingleAsync()));
    }

    [Fact]
    public async Task Drafting_hints_show_and_copying_to_the_next_period_leaves_check_ins_behind()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var objectiveId = await ObjectiveIdAsync("Customers get answers the same day");
        var form = (await ambassador.GetAsync($"/Okr/KeyResults/Edit?objectiveId={objectiveId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var details = await ambassador.SubmitAsync(form, new() { ["Input.Title"] = "Hold a support workshop", ["Input.TargetValue"] = "" });

        Assert.Contains("This reads like a task.", details.QuerySelector("main")!.TextContent);
        Assert.Contains("This key result has no target yet.", details.QuerySelector("main")!.TextContent);

        var copied = await ambassador.SubmitAsync(details.QuerySelector<IHtmlFormElement>("#status-form")!, submitterSelector: "button[formaction*='handler=Copy']");

        Assert.Equal("Copied into the next period as a draft.", copied.QuerySelector(".status")!.TextContent);
        var copy = await factory.WithDbAsync(db => db.Objectives.Include(o => o.KeyResults).ThenInclude(k => k.CheckIns).Include(o => o.Period)
            .SingleAsync(o => o.Title == "Customers get answers the same day" && o.Period.Name == "Jan–Apr 2027"));
        Assert.Equal(ObjectiveStatus.Draft, copy.Status);
        Assert.True(copy.KeyResults.Count >= 2);
        Assert.All(copy.KeyResults, k => Assert.Empty(k.CheckIns));
    }

    [Fact]
    public async Task A_retro_prefills_scores_refuses_one_above_one_and_counts_as_done()
    {
        using var lead = await PageSession.SignInAsync(factory, await LeadOfAsync(Root + "/Software/Data Platform"));
        var periodId = await PeriodIdAsync("Sep–Dec 2026");
        var unitId = await UnitIdAsync(Root + "/Software/Data Platform");
        var page = await lead.GetAsync($"/Okr/RetroEdit?periodId={periodId}&unitId={unitId}");
        Assert.Equal("0" + System.Globalization.CultureInfo.GetCultureInfo("en-GB").NumberFormat.NumberDecimalSeparator + "33", page.QuerySelector<IHtmlInputElement>("#score-0")!.Value);

        var refused = await lead.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#retro-form")!, new() { ["Input.Scores[0].Score"] = "1.5" });
        Assert.Equal("A score is from 0 to 1.", refused.QuerySelector("[data-valmsg-for='Input.Scores[0].Score']")!.TextContent);

        var retros = await lead.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("#retro-form")!, new() { ["Input.Scores[0].Score"] = "0.4", ["Input.WhatWorked"] = "Monday demo habit." });
        Assert.StartsWith("1 of", retros.QuerySelector("#retro-summary")!.TextContent);
        Assert.Equal(0.4, await factory.WithDbAsync(db => db.RetroScores.Where(s => s.Retro.UnitId == unitId).Select(s => s.Score).SingleAsync()));
    }

    [Fact]
    public async Task A_period_with_many_unaligned_objectives_shows_a_hundred_roots_at_a_time()
    {
        var periodId = await factory.WithDbAsync(async db =>
        {
            var cycle = new Cycle { Name = "Busy cycle", StartDate = new DateOnly(2030, 1, 1), EndDate = new DateOnly(2030, 12, 31) };
            var period = new Period { Cycle = cycle, Name = "Busy period", StartDate = new DateOnly(2030, 1, 1), EndDate = new DateOnly(2030, 4, 30) };
            var unit = await db.OrgUnits.Where(u => u.NamePath == Root + "/Software/Cloud Platform").Select(u => u.Id).SingleAsync();
            db.Objectives.AddRange(Enumerable.Range(1, 130).Select(i => new Objective { Period = period, UnitId = unit, Title = $"Draft {i:000}" }));
            await db.SaveChangesAsync();
            return period.Id;
        });
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var tree = await member.GetAsync($"/Okr?periodId={periodId}");

        Assert.Equal(100, tree.QuerySelectorAll("#okr-tree > li.tree-node").Length);
        var more = tree.QuerySelector("#okr-tree > li.more-roots a[hx-get]")!;
        Assert.Equal("Show 30 more (30 left)", more.TextContent);
        var rest = await member.HtmxGetAsync(more.GetAttribute("hx-get")!);
        var shown = tree.QuerySelectorAll("#okr-tree > li.tree-node").Concat(rest.QuerySelectorAll("body > li.tree-node")).Select(li => li.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal(Enumerable.Range(1, 130).Select(i => $"Draft {i:000}"), shown.Order());
        Assert.Empty(rest.QuerySelectorAll("li.more-roots"));
        var restAsPage = await member.GetAsync(more.GetAttribute("href")!);
        Assert.NotNull(restAsPage.QuerySelector("main h1"));
        Assert.Equal(rest.QuerySelectorAll("body > li.tree-node a").Select(a => a.TextContent).Take(30), restAsPage.QuerySelectorAll("#okr-tree > li.tree-node").Select(li => li.QuerySelector("a")!.TextContent));
        var everything = (await member.GetAsync($"/Okr?periodId={periodId}&expand=all")).QuerySelectorAll("#okr-tree > li.tree-node").Select(li => li.GetAttribute("data-objective-id")).ToList();
        Assert.Equal(130, everything.Count);
        // Page by page in the same order as the whole tree.
        Assert.Equal(everything, tree.QuerySelectorAll("#okr-tree > li.tree-node").Concat(rest.QuerySelectorAll("body > li.tree-node")).Select(li => li.GetAttribute("data-objective-id")));
    }
}

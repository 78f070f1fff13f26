using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Dashboard;

public class DashboardTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static bool Within(IElement row, string path) =>
        row.GetAttribute("data-unit") == path || row.GetAttribute("data-unit")!.StartsWith(path + "/", StringComparison.Ordinal);

    private static async Task<(IHtmlDocument Page, IElement Software)> SoftwareDepartmentAsync(PageSession session)
    {
        var page = await session.GetAsync("/Dashboard");
        return (page, page.QuerySelectorAll("#department-progress tbody tr").First(tr => tr.GetAttribute("data-unit")!.EndsWith("/Software", StringComparison.Ordinal)));
    }

    private static int Count(IHtmlDocument page, OnboardingStage stage) =>
        int.Parse(page.QuerySelector($"#funnel-table tr[data-stage={stage}] td:nth-child(2)")!.TextContent);

    [Fact]
    public async Task A_leader_sees_the_funnel_and_lagging_units_without_names_or_small_units()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync("/Dashboard");

        var members = await factory.WithDbAsync(db => db.WaveMembers.CountAsync());
        Assert.Equal(members, Enum.GetValues<OnboardingStage>().Sum(s => Count(page, s)));
        Assert.True(Count(page, OnboardingStage.Trained) + Count(page, OnboardingStage.Drafting) + Count(page, OnboardingStage.Aligned) + Count(page, OnboardingStage.Practising) >= 15);
        Assert.True(Count(page, OnboardingStage.Practising) > 0, "the demo's Cloud Platform and Customer Support teams check in");
        var names = await factory.WithDbAsync(db => db.People.Select(p => p.Name).ToListAsync());
        var main = page.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain(names, main.Contains);
        Assert.NotNull(page.QuerySelector("#hidden-units"));
        Assert.All(page.QuerySelectorAll("#unit-progress tbody tr td:nth-child(2)"), td => Assert.True(int.Parse(td.TextContent) >= 5));
        // Lagging first: the trained share among people in started waves, units whose waves are still to come last.
        var lag = page.QuerySelectorAll("#unit-progress tbody tr td.lag").Select(td => td.TextContent.Trim() == "–" ? double.MaxValue : double.Parse(td.TextContent.Replace("%", "").Trim())).ToList();
        Assert.Equal(lag.Order(), lag);
    }

    [Fact]
    public async Task A_member_cannot_open_the_dashboard()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        await member.GetAsync("/Dashboard", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Marking_attendance_moves_the_funnel_and_an_override_is_shown_as_such_and_audited()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await ambassador.GetAsync("/Dashboard");
        var (sessionId, personId) = await factory.WithDbAsync(async db =>
        {
            // The demo's wave 1 lead who missed OKR basics is invited to the key-result workshop: they register, and it starts.
            var enrollment = await db.Enrollments.Where(e => e.Session.Kind == SessionKind.KeyResultWorkshop && e.Session.StartUtc > factory.NowUtc)
                .Where(e => !db.Enrollments.Any(x => x.PersonId == e.PersonId && x.State == EnrollmentState.Attended)).FirstAsync();
            enrollment.State = EnrollmentState.Registered;
            await db.SaveChangesAsync();
            await db.TrainingSessions.Where(s => s.Id == enrollment.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartUtc, factory.NowUtc.AddMinutes(-5)));
            return (enrollment.SessionId, enrollment.PersonId);
        });
        var session = await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}");
        await ambassador.SubmitAsync(session.QuerySelector<IHtmlFormElement>("#roster-form")!, submitterSelector: $"#roster-{personId} button.toggle-attended");

        var after = await ambassador.GetAsync("/Dashboard");
        Assert.Equal(Count(before, OnboardingStage.Invited) - 1, Count(after, OnboardingStage.Invited));

        var person = await ambassador.GetAsync($"/People/Details/{personId}");
        Assert.NotEqual("Not started", person.QuerySelector("#person-stage strong")!.TextContent);
        var refused = await ambassador.SubmitAsync(person.QuerySelector<IHtmlFormElement>("#override-form")!, new() { ["OverrideStage"] = "Practising", ["OverrideReason"] = "" });
        Assert.Equal("Say why, e.g. trained elsewhere or on leave.", refused.QuerySelector("[data-valmsg-for='OverrideReason']")!.TextContent);
        var overridden = await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("#override-form")!, new() { ["OverrideStage"] = "Practising", ["OverrideReason"] = "Used OKRs at a previous employer" });

        Assert.Equal("Practising", overridden.QuerySelector("#person-stage strong")!.TextContent);
        Assert.Contains("Used OKRs at a previous employer", overridden.QuerySelector("#stage-override")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "adoption.stage-overridden" && a.EntityId == personId.ToString())));

        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        Assert.Null((await member.GetAsync($"/People/Details/{personId}")).QuerySelector("#person-stage"));
    }

    [Fact]
    public async Task A_wave_milestone_measured_by_share_trained_is_shown_against_its_target()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var waveId = await factory.WithDbAsync(db => db.Waves.OrderBy(w => w.Order).Select(w => w.Id).FirstAsync());
        var edit = await ambassador.GetAsync($"/Waves/Edit/{waveId}");
        var refused = await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.MilestoneCriterion"] = "ShareTrained", ["Input.MilestoneThreshold"] = "0" });
        Assert.Equal("Enter a whole number from 1 to 100.", refused.QuerySelector("[data-valmsg-for='Input.MilestoneThreshold']")!.TextContent);

        await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.MilestoneCriterion"] = "ShareTrained", ["Input.MilestoneThreshold"] = "100" });

        var dashboard = await ambassador.GetAsync("/Dashboard");
        var row = dashboard.QuerySelector($"#wave-progress tr[data-wave-id='{waveId}']")!;
        var milestone = row.QuerySelector("td.milestone")!;
        var trained = row.QuerySelector("td.trained")!.TextContent.Trim();
        Assert.Contains($"{trained} / 100", milestone.TextContent);
        var outlook = milestone.GetAttribute("data-outlook");
        Assert.Equal(trained.StartsWith("100", StringComparison.Ordinal), outlook == "Met");
        Assert.NotEqual("NotMeasured", milestone.GetAttribute("data-outlook"));
    }

    [Fact]
    public async Task A_leader_downloads_the_unit_table_as_csv_with_the_same_figures_and_no_small_units()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var page = await leader.GetAsync("/Dashboard?allUnits=true");

        var csv = await leader.Client.GetStringAsync(page.QuerySelector("#units-csv")!.GetAttribute("href"));

        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("unit,people,notstarted,invited,trained,drafting,aligned,practising,share_notstarted_percent,share_invited_percent,share_trained_percent,share_drafting_percent,share_aligned_percent,share_practising_percent,trained_percent,trained_in_started_waves_percent,attendance_percent,no_show_percent,check_ins,average_confidence", lines[0]);
        var shown = page.QuerySelectorAll("#unit-progress tbody tr").Select(tr => tr.QuerySelector("td:nth-child(2)")!.TextContent.Trim()).ToList();
        Assert.Equal(shown.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.True(int.Parse(line.Split(',')[^19], CultureInfo.InvariantCulture) >= 5));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.Client.GetAsync("/Dashboard?handler=Csv&table=people")).StatusCode);
    }

    [Fact]
    public async Task The_wave_page_shows_the_same_milestone_progress_as_the_dashboard_and_the_demo_pilot_met_its_milestone()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        // An ambassador's dashboard shows every wave; a leader's folds waves other tests make small.
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var dashboard = await ambassador.GetAsync("/Dashboard");
        var waves = await factory.WithDbAsync(db => db.Waves.OrderBy(w => w.Order).Select(w => new { w.Id, w.MilestoneCriterion }).ToListAsync());
        Assert.Equal("Met", dashboard.QuerySelector($"#wave-progress tr[data-wave-id='{waves[0].Id}'] td.milestone")!.GetAttribute("data-outlook"));

        var wave1 = waves[1];
        Assert.Equal(MilestoneCriterion.ShareTrained, wave1.MilestoneCriterion);
        var page = await leader.GetAsync($"/Waves/Details/{wave1.Id}");
        var onDashboard = dashboard.QuerySelector($"#wave-progress tr[data-wave-id='{wave1.Id}'] td.milestone")!;
        var onWavePage = page.QuerySelector("#milestone-progress")!;
        Assert.Equal(onDashboard.GetAttribute("data-outlook"), onWavePage.GetAttribute("data-outlook"));
        Assert.Contains(dashboard.QuerySelector($"#wave-progress tr[data-wave-id='{wave1.Id}'] td.trained")!.TextContent.Trim() + " / 100", onWavePage.TextContent);
        var programmeId = await factory.WithDbAsync(db => db.Waves.Where(w => w.Id == wave1.Id).Select(w => w.ProgrammeId).SingleAsync());
        var timeline = await leader.GetAsync($"/Programmes/Timeline/{programmeId}");
        Assert.Equal(2, timeline.QuerySelectorAll("#timeline-table .milestone").Length);
        Assert.Equal(onWavePage.GetAttribute("data-outlook"), timeline.QuerySelectorAll("#timeline-table .milestone")[1].GetAttribute("data-outlook"));
    }

    [Fact]
    public async Task Trends_show_each_stage_share_week_by_week_from_the_snapshots()
    {
        var today = factory.Today;
        var (programmeId, wave) = await factory.WithDbAsync(async db =>
        {
            var wave = await db.Waves.Where(w => w.ActualStart != null).OrderBy(w => w.Order).FirstAsync();
            return (wave.ProgrammeId, wave);
        });
        await factory.WithDbAsync(async db =>
        {
            await db.AdoptionSnapshots.ExecuteDeleteAsync();
            db.AdoptionSnapshots.AddRange(
                new AdoptionSnapshot { Date = today.AddDays(-14), ProgrammeId = programmeId, Members = 40, Invited = 20, Trained = 10, Drafting = 4, Aligned = 2, Practising = 1 },
                new AdoptionSnapshot { Date = today.AddDays(-7), ProgrammeId = programmeId, Members = 40, Invited = 30, Trained = 20, Drafting = 8, Aligned = 4, Practising = 2 });
            await db.SaveChangesAsync();
            return 0;
        });
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync("/Dashboard");

        var rows = page.QuerySelectorAll("#trend-table tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["50%", "25%", "10%", "5%", "3%"], rows[0].Skip(1).Select(v => v.Replace(" ", "")));
        Assert.Equal(["75%", "50%", "20%", "10%", "5%"], rows[1].Skip(1).Select(v => v.Replace(" ", "")));
        Assert.Equal(5, page.QuerySelectorAll("#trends svg")[0].QuerySelectorAll("polyline").Length);
    }

    [Fact]
    public async Task Wave_against_wave_comes_from_the_dates_of_attendance_and_corrections_with_no_snapshot_and_the_reader_chooses_the_waves()
    {
        var today = factory.Today;
        var (programmeId, waveId) = await factory.WithDbAsync(async db =>
        {
            await db.AdoptionSnapshots.ExecuteDeleteAsync();
            var programmeId = await db.Waves.Where(w => w.ActualStart != null).Select(w => w.ProgrammeId).FirstAsync();
            var start = today.AddDays(-10);
            var wave = new Wave { ProgrammeId = programmeId, Name = "Facts wave", Kind = WaveKind.Wave, Order = 50, PlannedStart = start, PlannedEnd = today.AddDays(30), ActualStart = start };
            db.Waves.Add(wave);
            // A start typed weeks ahead is no start yet.
            var future = new Wave { ProgrammeId = programmeId, Name = "Future wave", Kind = WaveKind.Wave, Order = 51, PlannedStart = today.AddDays(-3), PlannedEnd = today.AddDays(90), ActualStart = today.AddDays(20) };
            db.Waves.Add(future);
            var unit = await db.OrgUnits.Where(u => u.Depth == 0).Select(u => u.Id).FirstAsync();
            var people = Enumerable.Range(1, 5).Select(i => new Person { Name = $"Facts member {i}", Email = $"facts-{i}@aurora-telematics.example", UnitId = unit }).ToList();
            db.People.AddRange(people);
            await db.SaveChangesAsync();
            db.WaveMembers.AddRange(people.Select(p => new WaveMember { ProgrammeId = programmeId, WaveId = wave.Id, PersonId = p.Id }));
            var later = new Person { Name = "Future member", Email = "facts-future@aurora-telematics.example", UnitId = unit };
            db.People.Add(later);
            await db.SaveChangesAsync();
            db.WaveMembers.Add(new WaveMember { ProgrammeId = programmeId, WaveId = future.Id, PersonId = later.Id });
            var session = new TrainingSession { Kind = SessionKind.OkrBasics, Language = Language.En, Mode = SessionMode.Online, Link = "https://meet.example/f", StartUtc = factory.NowUtc.AddDays(-9), DurationMinutes = 60, Capacity = 10 };
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            db.Enrollments.Add(new Enrollment { SessionId = session.Id, PersonId = people[0].Id, State = EnrollmentState.Attended, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc.AddDays(-12), ChangedAtUtc = factory.NowUtc.AddDays(-9) });
            db.StageOverrides.Add(new StageOverride { ProgrammeId = programmeId, PersonId = people[1].Id, Stage = OnboardingStage.Trained, Reason = "Trained at the partner's course", SetBy = "test", SetAtUtc = factory.NowUtc.AddDays(-2) });
            await db.SaveChangesAsync();
            return (programmeId, wave.Id);
        });
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync($"/Dashboard?programmeId={programmeId}");

        var column = page.QuerySelectorAll("#wave-comparison thead th").Select(th => th.TextContent).ToList().IndexOf("Facts wave");
        Assert.True(column > 0, page.QuerySelector("#wave-comparison")?.OuterHtml);
        var shares = page.QuerySelectorAll("#wave-comparison tbody tr").Select(tr => tr.QuerySelectorAll("td")[column].TextContent.Replace(" ", "").Trim()).Where(v => v != "–").ToList();
        Assert.Equal(["20%", "40%"], shares);
        Assert.True(page.QuerySelector<IHtmlInputElement>($"#compare-{waveId}")!.IsChecked);
        Assert.DoesNotContain("Future wave", page.QuerySelector("#compare-form")!.TextContent);

        // What the form sends (a GET) with only this wave ticked.
        Assert.Equal("get", page.QuerySelector<IHtmlFormElement>("#compare-form")!.Method);
        var chosen = await leader.GetAsync($"/Dashboard?programmeId={programmeId}&compare={waveId}");
        Assert.Equal(["Week", "Facts wave"], chosen.QuerySelectorAll("#wave-comparison thead th").Select(th => th.TextContent));
        var csv = await leader.Client.GetStringAsync(chosen.QuerySelector<IHtmlAnchorElement>("#comparison-csv")!.Href);
        Assert.Equal(["wave,week,trained_percent", "Facts wave,1,20", "Facts wave,2,40"], csv.Trim().Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Each_unit_shows_its_attendance_no_shows_check_in_rhythm_and_confidence()
    {
        var (_, path, expectedAttendance) = await factory.WithDbAsync(async db =>
        {
            var today = factory.Today;
            var period = await db.Periods.Where(p => p.StartDate <= today && p.EndDate >= today).Select(p => p.Id).FirstAsync();
            var keyResults = await db.KeyResults.Where(k => k.Objective.PeriodId == period && k.Objective.Status == ObjectiveStatus.Published)
                .Where(k => db.People.Count(p => p.UnitId == k.Objective.UnitId && db.WaveMembers.Any(m => m.PersonId == p.Id)) >= 5)
                .Select(k => new { k.Id, k.Objective.UnitId, k.Objective.Unit.NamePath }).ToListAsync();
            var unit = keyResults.First();
            foreach (var k in keyResults.Where(k => k.UnitId == unit.UnitId))
            {
                db.CheckIns.Add(new CheckIn { KeyResultId = k.Id, Date = today, Value = 1, Confidence = 7, CreatedAtUtc = factory.NowUtc });
            }
            await db.SaveChangesAsync();
            var attended = await db.Enrollments.CountAsync(e => e.Person.UnitId == unit.UnitId && e.State == EnrollmentState.Attended);
            var noShows = await db.Enrollments.CountAsync(e => e.Person.UnitId == unit.UnitId && e.State == EnrollmentState.NoShow);
            return (unit.UnitId, unit.NamePath, attended + noShows == 0 ? "–" : ((double)attended / (attended + noShows)).ToString("P0", CultureInfo.GetCultureInfo("en")));
        });
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync("/Dashboard?allUnits=true");

        var row = page.QuerySelectorAll("#unit-progress tbody tr").Single(tr => tr.GetAttribute("data-unit") == path);
        Assert.Equal("OnTime", row.QuerySelector("td.check-ins")!.GetAttribute("data-activity"));
        Assert.Equal("On time", row.QuerySelector("td.check-ins")!.TextContent.Trim());
        Assert.Equal("7.0", row.QuerySelector("td.confidence")!.TextContent.Trim());
        Assert.Equal(expectedAttendance, row.QuerySelector("td.attendance")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_ambassador_drills_from_a_unit_figure_to_the_people_behind_it_and_a_leader_cannot()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync("/Dashboard");
        var link = page.QuerySelector("#unit-progress tbody td[data-stage] a[hx-get]")!;
        var count = int.Parse(link.TextContent);

        var list = await ambassador.HtmxGetAsync(link.GetAttribute("hx-get")!);

        Assert.Equal(count, list.QuerySelectorAll("#drill-down li").Length);
        var ids = list.QuerySelectorAll("#drill-down li a").Select(a => int.Parse(a.GetAttribute("href")!.Split('/')[^1])).ToList();
        var names = await factory.WithDbAsync(db => db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Name).ToListAsync());
        Assert.Equal(names.Order(), list.QuerySelectorAll("#drill-down li a").Select(a => a.TextContent).Order());
        // Each name with its unit, so two people of one name are told apart.
        var units = await factory.WithDbAsync(db => db.People.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Unit.Name }).ToDictionaryAsync(p => p.Id, p => p.Name));
        Assert.All(list.QuerySelectorAll("#drill-down li"), li =>
            Assert.Equal($"({units[int.Parse(li.QuerySelector("a")!.GetAttribute("href")!.Split('/')[^1])]})", li.QuerySelector(".unit")!.TextContent));

        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var leaderPage = await leader.GetAsync("/Dashboard");
        Assert.Empty(leaderPage.QuerySelectorAll("#unit-progress a[hx-get]"));
        Assert.Null(leaderPage.QuerySelector("#drill-down"));
        await leader.GetAsync(link.GetAttribute("hx-get")!, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_page_lists_the_ten_units_that_lag_most_and_all_of_them_on_request()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var all = (await ambassador.GetAsync("/Dashboard?allUnits=true")).QuerySelectorAll("#unit-progress tbody tr").Select(tr => tr.GetAttribute("data-unit")).ToList();
        var page = await ambassador.GetAsync("/Dashboard");

        Assert.True(all.Count > 10, "the demo organisation has more than ten units in waves");
        Assert.Equal(all.Take(10), page.QuerySelectorAll("#unit-progress tbody tr").Select(tr => tr.GetAttribute("data-unit")));
        Assert.Contains($"The 10 units that lag most of {all.Count}.", page.QuerySelector("#units-shown")!.TextContent);
    }

    [Fact]
    public async Task Departments_roll_up_all_their_sub_units()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var page = await ambassador.GetAsync("/Dashboard");

        var departments = page.QuerySelectorAll("#department-progress tbody tr").ToDictionary(tr => tr.GetAttribute("data-unit")!, tr => int.Parse(tr.QuerySelector("td.people")!.TextContent));
        Assert.Equal(Enum.GetValues<OnboardingStage>().Sum(s => Count(page, s)), departments.Values.Sum());
        var software = departments.Keys.Single(k => k.EndsWith("/Software", StringComparison.Ordinal));
        var expected = await factory.WithDbAsync(db => db.WaveMembers.CountAsync(m => m.Person.IsActive && (m.Person.Unit.NamePath == software || m.Person.Unit.NamePath.StartsWith(software + "/"))));
        Assert.Equal(expected, departments[software]);
    }

    [Fact]
    public async Task A_team_lead_sees_their_own_teams_onboarding_by_name_and_a_member_does_not()
    {
        var (unitId, leadEmail, members) = await factory.WithDbAsync(async db =>
        {
            var lead = await db.People.Where(p => p.IsLead && p.IsActive && db.WaveMembers.Count(m => m.Person.UnitId == p.UnitId && m.Person.IsActive) >= 2)
                .OrderBy(p => p.Id).Select(p => new { p.UnitId, p.Email }).FirstAsync();
            var names = await db.WaveMembers.Where(m => m.Person.UnitId == lead.UnitId && m.Person.IsActive).Select(m => m.Person.Name).ToListAsync();
            return (lead.UnitId, lead.Email, names);
        });
        await factory.CreateSignInAsync(leadEmail);
        using var lead = await PageSession.SignInAsync(factory, leadEmail);

        var page = await lead.GetAsync($"/Okr/Teams/{unitId}");

        Assert.Equal(members.Order(), page.QuerySelectorAll("#team-onboarding tbody td:first-child a").Select(a => a.TextContent).Order());
        Assert.All(page.QuerySelectorAll("#team-onboarding tbody td:nth-child(2)"), td => Assert.Contains(td.TextContent.Trim().Split(' ')[0], new[] { "Not", "Invited", "Trained", "Drafting", "Aligned", "Practising" }));

        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        Assert.Null((await member.GetAsync($"/Okr/Teams/{unitId}")).QuerySelector("#team-onboarding"));
    }

    [Fact]
    public async Task The_headline_says_how_each_started_wave_stands_and_which_unit_lags_most()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync("/Dashboard");

        var started = page.QuerySelectorAll("#wave-progress tbody tr[data-wave-id]").Where(tr => tr.QuerySelectorAll("td")[6].TextContent.Trim() != "Planned").ToList();
        Assert.NotEmpty(started);
        foreach (var wave in started)
        {
            var line = page.QuerySelector($"#headline li[data-wave-id='{wave.GetAttribute("data-wave-id")}']")!.TextContent;
            Assert.Contains($"{wave.QuerySelector("td.trained")!.TextContent.Trim()} trained", line);
        }
        // The demo's story: the pilot met its milestone and wave 1 is on track, so the roll-out is on plan.
        Assert.Equal("OnPlan", page.QuerySelector("#verdict")!.GetAttribute("data-verdict"));
        // A leader sees no unit's share in started waves where that few people have started (the demo's units each send one or two leads).
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        page = await ambassador.GetAsync("/Dashboard");
        var lagging = page.QuerySelector("#unit-progress tbody tr")!;
        Assert.Equal($"Lagging most: {lagging.GetAttribute("data-unit")}, {lagging.QuerySelector("td.lag")!.TextContent.Trim()} of its people in started waves trained.", page.QuerySelector("#lagging-most")!.TextContent);
    }

    [Fact]
    public async Task The_rollout_groups_of_running_waves_are_listed_lagging_first_with_their_trained_share()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync("/Dashboard");

        var rows = page.QuerySelectorAll("#group-progress tbody tr").ToList();
        Assert.Equal(2, rows.Count); // the demo's wave 1: two groups of six team leads
        var expected = await factory.WithDbAsync(db => db.RolloutGroups.Where(g => g.Wave.ActualStart != null && g.Wave.ActualEnd == null && g.Wave.Members.Any(m => m.RolloutGroupId == g.Id))
            .Select(g => new { g.Name, Members = g.Wave.Members.Count(m => m.RolloutGroupId == g.Id && m.Person.IsActive) }).ToListAsync());
        Assert.Equal(expected.OrderBy(g => g.Name).Select(g => (g.Name, g.Members)), rows.Select(r => (r.GetAttribute("data-group")!, int.Parse(r.QuerySelector("td.people")!.TextContent))).OrderBy(g => g.Item1));
        var trained = rows.Select(r => double.Parse(r.QuerySelector("td.trained")!.TextContent.Replace("%", "").Trim(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(trained.Order(), trained);
    }

    [Fact]
    public async Task A_leader_never_gets_the_rendering_made_for_an_ambassador()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var forAmbassador = await ambassador.GetAsync("/Dashboard?allUnits=true");
        var forLeader = await leader.GetAsync("/Dashboard?allUnits=true");

        Assert.NotEmpty(forAmbassador.QuerySelectorAll("#unit-progress a[hx-get]"));
        Assert.Null(forAmbassador.QuerySelector("#hidden-units"));
        Assert.Empty(forLeader.QuerySelectorAll("#unit-progress a[hx-get]"));
        Assert.NotNull(forLeader.QuerySelector("#hidden-units"));
        Assert.All(forLeader.QuerySelectorAll("#unit-progress tbody tr td:nth-child(2)"), td => Assert.True(int.Parse(td.TextContent) >= 5));
    }

    [Fact]
    public async Task An_ambassador_drills_from_the_funnel_a_wave_and_a_group_to_the_people_behind_each_figure()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync("/Dashboard");

        var trained = page.QuerySelector("#funnel-table tr[data-stage=Trained] a[hx-get]")!;
        var list = await ambassador.HtmxGetAsync(trained.GetAttribute("hx-get")!);
        Assert.Equal(int.Parse(trained.TextContent), list.QuerySelectorAll("#drill-down li").Length);
        Assert.Contains("Trained", list.QuerySelector("#drill-down h3")!.TextContent);

        var wave = page.QuerySelectorAll("#wave-progress tbody tr").First(tr => tr.QuerySelector("td.people a[hx-get]") is not null);
        var waveLink = wave.QuerySelector("td.people a[hx-get]")!;
        list = await ambassador.HtmxGetAsync(waveLink.GetAttribute("hx-get")!);
        var waveId = int.Parse(wave.GetAttribute("data-wave-id")!);
        var expected = await factory.WithDbAsync(db => db.WaveMembers.Where(m => m.WaveId == waveId && m.Person.IsActive).Select(m => m.Person.Name).ToListAsync());
        Assert.Equal(expected.Order(), list.QuerySelectorAll("#drill-down li a").Select(a => a.TextContent).Order());
        Assert.All(list.QuerySelectorAll("#drill-down li"), li => Assert.NotNull(li.QuerySelector(".stage")));

        var group = page.QuerySelector("#group-progress td.people a[hx-get]")!;
        list = await ambassador.HtmxGetAsync(group.GetAttribute("hx-get")!);
        Assert.Equal(int.Parse(group.TextContent), list.QuerySelectorAll("#drill-down li").Length);
    }

    [Fact]
    public async Task A_leader_opens_a_department_to_see_its_units_without_names_or_small_units()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var (_, department) = await SoftwareDepartmentAsync(leader);
        var link = department.QuerySelector("a[hx-get]")!;

        var units = await leader.HtmxGetAsync(link.GetAttribute("hx-get")!);

        var rows = units.QuerySelectorAll("#sub-unit-progress tbody tr").ToList();
        Assert.NotEmpty(rows);
        var path = department.GetAttribute("data-unit")!;
        Assert.All(rows, tr => Assert.True(Within(tr, path)));
        Assert.All(rows, tr => Assert.True(int.Parse(tr.QuerySelector("td.people")!.TextContent) >= 5));
        Assert.Empty(units.QuerySelectorAll("a[hx-get*='handler=People']"));
        var shown = rows.Sum(tr => int.Parse(tr.QuerySelector("td.people")!.TextContent));
        Assert.True(shown <= int.Parse(department.QuerySelector("td.people")!.TextContent));
    }

    [Fact]
    public async Task An_area_rolls_up_its_teams_check_in_rhythm_and_opens_level_by_level()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var (_, software) = await SoftwareDepartmentAsync(ambassador);
        var path = software.GetAttribute("data-unit")!;
        var all = await ambassador.GetAsync("/Dashboard?allUnits=true");
        var teams = all.QuerySelectorAll("#unit-progress tbody tr")
            .Where(tr => Within(tr, path))
            .Select(tr => tr.QuerySelector("td.check-ins")!.GetAttribute("data-activity")).Where(a => a != "NoKeyResults").ToList();
        Assert.NotEmpty(teams);
        Assert.Equal(teams.Count.ToString(CultureInfo.InvariantCulture), software.QuerySelector("td.on-time")!.GetAttribute("data-teams"));
        Assert.Equal($"{Math.Round(100.0 * teams.Count(t => t == "OnTime") / teams.Count)}%", software.QuerySelector("td.on-time")!.TextContent.Replace(" ", "").Trim());

        var opened = await ambassador.HtmxGetAsync(software.QuerySelector("a[hx-get]")!.GetAttribute("hx-get")!);
        Assert.Equal(software.GetAttribute("data-unit"), opened.QuerySelector("#department-units h3")!.TextContent);
        Assert.Equal(int.Parse(software.QuerySelector("td.people")!.TextContent), opened.QuerySelectorAll("#sub-unit-progress td.people").Sum(td => int.Parse(td.TextContent)));

        // The same link without htmx opens the whole dashboard with the department open.
        var page = await ambassador.GetAsync(software.QuerySelector<IHtmlAnchorElement>("a[hx-get]")!.GetAttribute("href")!);
        Assert.NotNull(page.QuerySelector("main h1"));
        Assert.Equal(path, page.QuerySelector("#department-units h3")!.TextContent);
        Assert.Equal(opened.QuerySelectorAll("#sub-unit-progress tbody tr").Length, page.QuerySelectorAll("#sub-unit-progress tbody tr").Length);
    }

    [Fact]
    public async Task Every_table_downloads_as_csv_with_the_figures_on_the_page()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var page = await leader.GetAsync("/Dashboard");

        foreach (var table in new[] { "funnel", "trend", "comparison", "waves", "groups", "departments", "units" })
        {
            var link = page.QuerySelector($"#{table}-csv");
            Assert.True(link is not null, $"no CSV link for the {table} table");
            using var response = await leader.Client.GetAsync(link.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(lines.Length > 1, $"the {table} CSV has no rows");
            if (table == "funnel")
            {
                Assert.All(Enum.GetValues<OnboardingStage>(), stage => Assert.Contains(lines, line => line.StartsWith($"{stage},{Count(page, stage)},", StringComparison.Ordinal)));
            }
            if (table == "units")
            {
                // Per stage the count and its share of the unit's people.
                Assert.All(lines.Skip(1).Select(l => l.Split(',')), cells =>
                {
                    var people = int.Parse(cells[1], CultureInfo.InvariantCulture);
                    var counts = cells[2..8].Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
                    Assert.Equal(people, counts.Sum());
                    Assert.Equal(counts.Select(c => Math.Round(100.0 * c / people).ToString(CultureInfo.InvariantCulture)), cells[8..14]);
                });
            }
            if (table == "departments")
            {
                var people = page.QuerySelectorAll("#department-progress tbody tr").ToDictionary(tr => tr.QuerySelector("td")!.TextContent.Trim(), tr => tr.QuerySelector("td.people")!.TextContent.Trim());
                Assert.Equal(people.Count, lines.Length - 1);
                Assert.All(lines.Skip(1), line => Assert.Equal(people[line.Split(',')[0]], line.Split(',')[1]));
            }
        }
    }

    [Fact]
    public async Task A_leader_switches_the_dashboard_to_another_programme()
    {
        var other = await factory.WithDbAsync(async db =>
        {
            var programme = new Programme { Name = "Second roll-out", StartDate = new DateOnly(2025, 1, 1), TargetDate = new DateOnly(2025, 6, 30) };
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
            return programme.Id;
        });
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var page = await leader.GetAsync("/Dashboard");
        var options = page.QuerySelectorAll("#programme-switch option").ToList();
        Assert.Contains(options, o => o.GetAttribute("value") == other.ToString(CultureInfo.InvariantCulture) && o.TextContent == "Second roll-out");
        Assert.Equal(page.QuerySelector("#programme-switch option[selected]")!.TextContent, page.QuerySelector("h1")!.TextContent.Split("· ")[1]);

        var form = page.QuerySelector<IHtmlFormElement>("#programme-switch")!;
        Assert.Equal(("get", "programmeId"), (form.Method.ToLowerInvariant(), form.QuerySelector("select")!.GetAttribute("name")!));
        var switched = await leader.GetAsync($"/Dashboard?programmeId={other}");
        Assert.Equal("Adoption · Second roll-out", switched.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("0", switched.QuerySelector("#funnel-table tr[data-stage=NotStarted] td:nth-child(2)")!.TextContent.Trim());
    }
}

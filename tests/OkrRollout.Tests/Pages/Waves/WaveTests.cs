using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Waves;

public class WaveTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private Task<int> ProgrammeIdAsync() => factory.WithDbAsync(db => db.Programmes.Where(p => p.Name == "OKR roll-out 2026").Select(p => p.Id).SingleAsync());

    private async Task<int> NewWaveAsync(string name)
    {
        var programmeId = await ProgrammeIdAsync();
        return await factory.WithDbAsync(async db =>
        {
            var wave = new Wave { ProgrammeId = programmeId, Name = name, Kind = WaveKind.Wave, Order = 10, PlannedStart = new(2027, 2, 1), PlannedEnd = new(2027, 3, 1) };
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
            return wave.Id;
        });
    }

    private Task<int> UnitIdAsync(string path) => factory.WithDbAsync(db => db.OrgUnits.Where(u => u.NamePath == path).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task An_ambassador_marks_many_members_trained_outside_the_tool_with_a_reason_and_their_stage_follows()
    {
        var (waveId, programmeId, members) = await factory.WithDbAsync(async db =>
        {
            var wave = await db.Waves.Where(w => db.WaveMembers.Count(m => m.WaveId == w.Id) >= 3).OrderBy(w => w.Id).Select(w => new { w.Id, w.ProgrammeId }).FirstAsync();
            var people = await db.WaveMembers.Where(m => m.WaveId == wave.Id && m.Person.IsActive).OrderBy(m => m.PersonId).Take(2).Select(m => new { m.PersonId, m.Person.Email }).ToListAsync();
            return (wave.Id, wave.ProgrammeId, people);
        });
        var outsider = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive && !db.WaveMembers.Any(m => m.WaveId == waveId && m.PersonId == p.Id)).Select(p => p.Email).FirstAsync());
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        var form = page.QuerySelector<IHtmlFormElement>("#trained-elsewhere-form")!;

        var refused = await ambassador.SubmitAsync(form, new() { ["TrainedElsewhere.Emails"] = $"{members[0].Email}\n{outsider}", ["TrainedElsewhere.Reason"] = "" });
        Assert.StartsWith("Not in this wave:", refused.QuerySelector("[data-valmsg-for='TrainedElsewhere.Emails']")!.TextContent);
        Assert.Equal("Say why, e.g. trained elsewhere or on leave.", refused.QuerySelector("[data-valmsg-for='TrainedElsewhere.Reason']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.StageOverrides.AnyAsync(o => o.PersonId == members[0].PersonId && o.Reason == "Kela academy, spring")));

        var done = await ambassador.SubmitAsync(form, new() { ["TrainedElsewhere.Emails"] = string.Join("; ", members.Select(m => m.Email)), ["TrainedElsewhere.Reason"] = "Kela academy, spring" });

        Assert.Equal("2 people marked as trained: Kela academy, spring", done.QuerySelector(".status")!.TextContent.Trim());
        var ids = members.Select(m => m.PersonId).ToList();
        var corrections = await factory.WithDbAsync(db => db.StageOverrides.Where(o => o.ProgrammeId == programmeId && ids.Contains(o.PersonId)).Select(o => new { o.Stage, o.Reason, o.SetBy }).ToListAsync());
        Assert.Equal(2, corrections.Count);
        Assert.All(corrections, c => Assert.Equal((OkrRollout.Web.Domain.OnboardingStage.Trained, "Kela academy, spring", DemoUsers.Ambassador), (c.Stage, c.Reason, c.SetBy)));
    }

    [Fact]
    public async Task A_wave_with_no_kind_or_ending_before_it_starts_is_refused_then_created()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var programmeId = await ProgrammeIdAsync();
        var form = (await ambassador.GetAsync($"/Waves/Edit?programmeId={programmeId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var before = await factory.WithDbAsync(db => db.Waves.CountAsync());

        var refused = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Name"] = "Wave 3: everyone else",
            ["Input.Kind"] = "",
            ["Input.PlannedStart"] = "2027-02-01",
            ["Input.PlannedEnd"] = "2027-01-15",
        });

        Assert.Equal("Choose the kind of wave.", refused.QuerySelector("[data-valmsg-for='Input.Kind']")!.TextContent);
        Assert.Equal("The end cannot be before the start.", refused.QuerySelector("[data-valmsg-for='Input.PlannedEnd']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Waves.CountAsync()));

        var created = await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Kind"] = "Wave", ["Input.PlannedEnd"] = "2027-02-26" });

        Assert.StartsWith("Wave 3: everyone else", created.QuerySelector("h1")!.TextContent);
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.Waves.CountAsync()));
    }

    [Fact]
    public async Task Wave_ending_in_year_9999_is_refused_beside_the_field()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var programmeId = await ProgrammeIdAsync();
        var form = (await ambassador.GetAsync($"/Waves/Edit?programmeId={programmeId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var before = await factory.WithDbAsync(db => db.Waves.CountAsync());

        var refused = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Name"] = "Wave forever",
            ["Input.Kind"] = "Wave",
            ["Input.PlannedStart"] = "2027-02-01",
            ["Input.PlannedEnd"] = "9999-12-31",
            ["Input.ActualStart"] = "1999-12-31",
            ["Input.ActualEnd"] = "2101-01-01",
            ["Input.MilestoneTargetDate"] = "0001-01-01",
        });

        foreach (var field in new[] { "PlannedEnd", "ActualStart", "ActualEnd", "MilestoneTargetDate" })
        {
            Assert.Equal("Enter a date from 01/01/2000 to 31/12/2100.", refused.QuerySelector($"[data-valmsg-for='Input.{field}']")!.TextContent);
        }
        Assert.Equal("", refused.QuerySelector("[data-valmsg-for='Input.PlannedStart']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Waves.CountAsync()));

        var edges = await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.PlannedStart"] = "2000-01-01",
            ["Input.PlannedEnd"] = "2100-12-31",
            ["Input.ActualStart"] = "",
            ["Input.ActualEnd"] = "",
            ["Input.MilestoneTargetDate"] = "2100-12-31",
        });
        Assert.StartsWith("Wave forever", edges.QuerySelector("h1")!.TextContent);
        Assert.Equal(new DateOnly(2100, 12, 31), await factory.WithDbAsync(db => db.Waves.Where(w => w.Name == "Wave forever").Select(w => w.PlannedEnd).SingleAsync()));
    }

    [Fact]
    public async Task A_big_wave_is_listed_a_page_at_a_time_and_a_search_finds_a_member_to_take_out_of_their_group()
    {
        var waveId = await NewWaveAsync("Big wave");
        var programmeId = await ProgrammeIdAsync();
        var members = Web.Pages.Waves.DetailsModel.PageSize * 2 + 20;
        var last = await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.Where(u => u.Depth == 0).Select(u => u.Id).FirstAsync();
            var people = Enumerable.Range(0, members)
                .Select(i => new Person { Name = $"Big wave member {i:000}", Email = $"big-wave-{i:000}@aurora-telematics.example", UnitId = unit }).ToList();
            db.People.AddRange(people);
            var group = new RolloutGroup { WaveId = waveId, Name = "Big group", Size = 10 };
            db.RolloutGroups.Add(group);
            await db.SaveChangesAsync();
            db.WaveMembers.AddRange(people.Select(p => new WaveMember { ProgrammeId = programmeId, WaveId = waveId, PersonId = p.Id, RolloutGroupId = p == people[^1] ? group.Id : null }));
            await db.SaveChangesAsync();
            return people[^1].Id;
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        Assert.Equal(Web.Pages.Waves.DetailsModel.PageSize, page.QuerySelectorAll("#members tbody tr").Length);
        Assert.Equal("Page 1 of 3", page.QuerySelector(".pager span")!.TextContent);
        // One form for the whole list: no select and no antiforgery field per row.
        Assert.Empty(page.QuerySelectorAll("#members select, #members form"));
        Assert.Single(page.QuerySelectorAll("#members-form input[name=__RequestVerificationToken]"));

        var third = await ambassador.GetAsync(page.QuerySelector<IHtmlAnchorElement>(".pager a[rel=next]")!.Href.Replace("PageNumber=2", "PageNumber=3"));
        Assert.Equal(20, third.QuerySelectorAll("#members tbody tr").Length);
        var found = await ambassador.HtmxGetAsync($"/Waves/Details/{waveId}?List.Q=member+{members - 1:000}");
        Assert.Equal($"1 of {members} people match.", found.QuerySelector("#member-match-count")!.TextContent);
        Assert.Equal("Big group", found.QuerySelector($"#member-{last} td.group")!.TextContent);

        var searched = await ambassador.GetAsync($"/Waves/Details/{waveId}?List.Q=member+{members - 1:000}");
        searched.QuerySelector<IHtmlInputElement>($"#tick-{last}")!.IsChecked = true;
        var ungrouped = await ambassador.SubmitAsync(searched.QuerySelector<IHtmlFormElement>("#members-form")!, new() { ["groupId"] = "" }, "#assign-group");

        Assert.Equal("1 people taken out of their group.", ungrouped.QuerySelector(".status")!.TextContent);
        // Back on the same search.
        Assert.Equal($"member {members - 1:000}", ungrouped.QuerySelector<IHtmlInputElement>("#List_Q")!.Value);
        Assert.Equal("", ungrouped.QuerySelector($"#member-{last} td.group")!.TextContent);
        Assert.Null(await factory.WithDbAsync(db => db.WaveMembers.Where(m => m.PersonId == last).Select(m => m.RolloutGroupId).SingleAsync()));
        var nobodyTicked = await ambassador.SubmitAsync(ungrouped.QuerySelector<IHtmlFormElement>("#members-form")!, null, "#remove-members");
        Assert.Equal("Tick the people first.", nobodyTicked.QuerySelector("[data-valmsg-for=PersonIds]")!.TextContent);
        Assert.Equal(members, await factory.WithDbAsync(db => db.WaveMembers.CountAsync(m => m.WaveId == waveId)));
    }

    [Fact]
    public async Task The_second_of_two_simultaneous_edits_is_told_and_overwrites_nothing()
    {
        var waveId = await NewWaveAsync("Concurrent wave");
        using var first = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        using var second = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var firstForm = (await first.GetAsync($"/Waves/Edit/{waveId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var secondForm = (await second.GetAsync($"/Waves/Edit/{waveId}")).QuerySelector<IHtmlFormElement>("main form")!;

        await first.SubmitAsync(firstForm, new() { ["Input.Description"] = "First editor's text" });
        var refused = await second.SubmitAsync(secondForm, new() { ["Input.Description"] = "Second editor's text" });

        Assert.Contains("Somebody else changed this", refused.QuerySelector(".validation-summary")!.TextContent);
        Assert.Equal("First editor's text", await factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.Description).SingleAsync()));
    }

    [Fact]
    public async Task Adding_a_units_leads_skips_people_already_in_a_wave_and_a_person_added_twice_is_refused()
    {
        var waveId = await NewWaveAsync("Lead wave");
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var software = await UnitIdAsync("Aurora Telematics/Software");
        var expectedLeads = await factory.WithDbAsync(db => db.People.CountAsync(p => p.IsLead && p.Unit.NamePath.StartsWith("Aurora Telematics/Software")));
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");

        var added = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#add-members-form")!, new() { ["Add.UnitId"] = software.ToString(), ["Add.LeadsOnly"] = "true" });

        // Every demo lead is already in the pilot or wave 1, so nobody moves out of their wave.
        Assert.Equal($"People added: 0. Already in this wave: 0. In another wave of this programme, so left there: {expectedLeads}.", added.QuerySelector(".status")!.TextContent);

        var newcomer = await factory.WithDbAsync(async db =>
        {
            var person = new Person { Name = "Lauri Uusi", Email = "lauri.uusi@aurora-telematics.example", UnitId = software, IsLead = true };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
        var withNewcomer = await ambassador.SubmitAsync(added.QuerySelector<IHtmlFormElement>("#add-members-form")!, new() { ["Add.UnitId"] = software.ToString(), ["Add.LeadsOnly"] = "true" });
        Assert.StartsWith("People added: 1.", withNewcomer.QuerySelector(".status")!.TextContent);
        Assert.Contains("Lauri Uusi", withNewcomer.QuerySelector("#members")!.TextContent);

        var twice = await ambassador.SubmitAsync(withNewcomer.QuerySelector<IHtmlFormElement>("#add-members-form")!, new() { ["Add.UnitId"] = "", ["Add.Emails"] = newcomer.Email });
        Assert.Equal("Already in this wave: Lauri Uusi", twice.QuerySelector("[data-valmsg-for='Add.Emails']")!.TextContent);
        Assert.Equal(1, await factory.WithDbAsync(db => db.WaveMembers.CountAsync(m => m.PersonId == newcomer.Id)));

        var unknown = await ambassador.SubmitAsync(twice.QuerySelector<IHtmlFormElement>("#add-members-form")!, new() { ["Add.Emails"] = "nobody@example.com" });
        Assert.Contains("nobody@example.com", unknown.QuerySelector("[data-valmsg-for='Add.Emails']")!.TextContent);
    }

    [Fact]
    public async Task Splitting_into_groups_of_six_then_a_full_group_refuses_one_more()
    {
        var waveId = await NewWaveAsync("Group wave");
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var programmeId = await ProgrammeIdAsync();
        // Take 13 people out of the kick-off wave so this wave has people to split.
        var thirteen = await factory.WithDbAsync(async db =>
        {
            var members = await db.WaveMembers.Where(m => m.Wave.Kind == WaveKind.CompanyWide && m.ProgrammeId == programmeId).OrderBy(m => m.PersonId).Take(13).ToListAsync();
            members.ForEach(m => m.WaveId = waveId);
            await db.SaveChangesAsync();
            return members.Select(m => m.PersonId).ToList();
        });
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");

        var split = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#split-form")!, new() { ["GroupSize"] = "6" });

        Assert.Equal(["5 / 6", "4 / 6", "4 / 6"], split.QuerySelectorAll("#groups tbody tr td:nth-child(2)").Select(td => td.TextContent));
        var groupOf = await factory.WithDbAsync(db => db.WaveMembers.Where(m => m.WaveId == waveId).ToDictionaryAsync(m => m.PersonId, m => m.RolloutGroupId));
        Assert.All(thirteen, id => Assert.NotNull(groupOf[id]));

        // Leave the first group one seat, then try to put two more in.
        var firstGroup = await factory.WithDbAsync(db => db.RolloutGroups.Where(g => g.WaveId == waveId).OrderBy(g => g.Name).FirstAsync());
        var outsiders = thirteen.Where(id => groupOf[id] != firstGroup.Id).Take(2).ToList();
        await factory.WithDbAsync(db => db.RolloutGroups.Where(g => g.Id == firstGroup.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Size, 6)));
        var page2 = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        outsiders.ForEach(id => page2.QuerySelector<IHtmlInputElement>($"#tick-{id}")!.IsChecked = true);

        var refused = await ambassador.SubmitAsync(page2.QuerySelector<IHtmlFormElement>("#members-form")!, new() { ["groupId"] = firstGroup.Id.ToString() }, "#assign-group");

        Assert.Equal($"{firstGroup.Name} has 1 free places; 2 people were ticked. Nobody was moved.", refused.QuerySelector("[data-valmsg-for=PersonIds]")!.TextContent);
        Assert.All(outsiders, id => Assert.Equal(groupOf[id], factory.WithDbAsync(db => db.WaveMembers.Where(m => m.PersonId == id && m.ProgrammeId == programmeId).Select(m => m.RolloutGroupId).SingleAsync()).Result));

        var one = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        one.QuerySelector<IHtmlInputElement>($"#tick-{outsiders[0]}")!.IsChecked = true;
        var joined = await ambassador.SubmitAsync(one.QuerySelector<IHtmlFormElement>("#members-form")!, new() { ["groupId"] = firstGroup.Id.ToString() }, "#assign-group");
        Assert.Equal($"1 people put in {firstGroup.Name}.", joined.QuerySelector(".status")!.TextContent);
        Assert.Equal(firstGroup.Name, joined.QuerySelector($"#member-{outsiders[0]} td.group")!.TextContent);
        Assert.Equal("6 / 6", joined.QuerySelector($"#group-row-{firstGroup.Id} td:nth-child(2)")!.TextContent);
    }

    [Fact]
    public async Task A_group_gets_a_facilitator_but_cannot_shrink_below_its_people()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var programmeId = await ProgrammeIdAsync();
        var (waveId, groupId) = await factory.WithDbAsync(async db =>
        {
            var group = await db.RolloutGroups.Where(g => g.Wave.ProgrammeId == programmeId && g.Wave.Kind == WaveKind.Wave).OrderBy(g => g.Id).FirstAsync();
            return (group.WaveId, group.Id);
        });
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        Assert.Null(page.QuerySelector($"#group-row-{groupId} form"));
        var editing = await ambassador.GetAsync(page.QuerySelector<IHtmlAnchorElement>($"#group-row-{groupId} a.edit-group")!.Href);
        var form = editing.QuerySelector<IHtmlFormElement>($"#group-row-{groupId} form")!;

        var refused = await ambassador.SubmitAsync(form, new() { ["NewGroup.Size"] = "2", ["NewGroup.FacilitatorEmail"] = DemoUsers.Leader });
        Assert.Equal("The group already has 6 people; its size cannot be smaller.", refused.QuerySelector($"[data-valmsg-for='Group-{groupId}']")!.TextContent);
        var tooLarge = await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>($"#group-row-{groupId} form")!, new() { ["NewGroup.Size"] = "5000" });
        Assert.Equal("Enter a number from 1 to 50.", tooLarge.QuerySelector($"[data-valmsg-for='Group-{groupId}']")!.TextContent);

        var saved = await ambassador.SubmitAsync(tooLarge.QuerySelector<IHtmlFormElement>($"#group-row-{groupId} form")!, new() { ["NewGroup.Size"] = "7", ["NewGroup.FacilitatorEmail"] = DemoUsers.Leader });
        Assert.Equal("Group saved.", saved.QuerySelector(".status")!.TextContent);
        Assert.Equal(["6 / 7", "Robert Meyer"], saved.QuerySelectorAll($"#group-row-{groupId} td").Skip(1).Take(2).Select(td => td.TextContent));
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_named_beside_its_field()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var programmeId = await ProgrammeIdAsync();
        var form = (await ambassador.GetAsync($"/Waves/Edit?programmeId={programmeId}")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new() { ["Input.Name"] = "Dateless", ["Input.Kind"] = "Wave", ["Input.PlannedStart"] = "next spring" });

        Assert.Equal("\"next spring\" is not a valid value.", page.QuerySelector("[data-valmsg-for='Input.PlannedStart']")!.TextContent);
    }

    [Fact]
    public async Task Moving_and_removing_a_member_and_a_member_cannot()
    {
        var waveId = await NewWaveAsync("Move wave");
        var programmeId = await ProgrammeIdAsync();
        var personId = await factory.WithDbAsync(async db =>
        {
            var member = await db.WaveMembers.Where(m => m.Wave.Kind == WaveKind.CompanyWide && m.ProgrammeId == programmeId).OrderByDescending(m => m.PersonId).FirstAsync();
            return member.PersonId;
        });
        var kickOff = await factory.WithDbAsync(db => db.Waves.Where(w => w.ProgrammeId == programmeId && w.Kind == WaveKind.CompanyWide).Select(w => w.Id).SingleAsync());
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var memberPage = await member.GetAsync($"/Waves/Details/{kickOff}");
        Assert.Null(memberPage.QuerySelector("#add-members-form"));
        Assert.Null(memberPage.QuerySelector("#members-form input[type=checkbox]"));
        using var forbidden = await member.HtmxPostAsync($"/Waves/Details/{kickOff}?handler=Remove", new() { ["PersonIds"] = personId.ToString() }, PageSession.HtmxAntiforgeryToken(memberPage));
        Assert.Contains("/Account/AccessDenied", forbidden.Headers.GetValues("HX-Redirect").Single());

        var kickOffPage = await ambassador.GetAsync($"/Waves/Details/{kickOff}?List.Q={Uri.EscapeDataString(await factory.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync()))}");
        kickOffPage.QuerySelector<IHtmlInputElement>($"#tick-{personId}")!.IsChecked = true;
        var moved = await ambassador.SubmitAsync(kickOffPage.QuerySelector<IHtmlFormElement>("#members-form")!, new() { ["targetWaveId"] = waveId.ToString() }, "#move-members");
        Assert.Equal("1 people moved to Move wave.", moved.QuerySelector(".status")!.TextContent);
        Assert.Equal(waveId, await factory.WithDbAsync(db => db.WaveMembers.Where(m => m.PersonId == personId && m.ProgrammeId == programmeId).Select(m => m.WaveId).SingleAsync()));

        var target = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        target.QuerySelector<IHtmlInputElement>($"#tick-{personId}")!.IsChecked = true;
        var removed = await ambassador.SubmitAsync(target.QuerySelector<IHtmlFormElement>("#members-form")!, null, "#remove-members");
        Assert.Equal("1 people removed from the wave.", removed.QuerySelector(".status")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.WaveMembers.AnyAsync(m => m.PersonId == personId && m.ProgrammeId == programmeId)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "wave.member-removed" && a.EntityId == personId.ToString())));
    }

    [Fact]
    public async Task One_action_invites_a_wave_to_sessions_each_member_in_their_language_within_the_places_and_reports_the_rest()
    {
        var waveId = await NewWaveAsync("Bilingual wave");
        var programmeId = await ProgrammeIdAsync();
        var (finns, english, sessions) = await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.Where(u => u.Depth == 0).Select(u => u.Id).FirstAsync();
            Person NewPerson(string name, Language language) => new() { Name = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@aurora-telematics.example", UnitId = unit, PreferredLanguage = language };
            var finns = Enumerable.Range(1, 6).Select(i => NewPerson($"Kielitesti Suomi {i}", Language.Fi)).ToList();
            var english = Enumerable.Range(1, 4).Select(i => NewPerson($"Language Test English {i}", Language.En)).ToList();
            db.People.AddRange(finns.Concat(english));
            await db.SaveChangesAsync();
            db.WaveMembers.AddRange(finns.Concat(english).Select(p => new WaveMember { ProgrammeId = programmeId, WaveId = waveId, PersonId = p.Id }));
            TrainingSession NewSession(SessionKind kind, Language language, int days, int capacity) => new()
            {
                ProgrammeId = programmeId, WaveId = waveId, Kind = kind, Language = language, Mode = SessionMode.Online, Link = "https://meet.example/okr",
                StartUtc = factory.NowUtc.AddDays(days), DurationMinutes = 90, Capacity = capacity,
            };
            var sessions = new[]
            {
                NewSession(SessionKind.OkrBasics, Language.Fi, 7, 4),
                NewSession(SessionKind.OkrBasics, Language.Fi, 14, 1),
                NewSession(SessionKind.OkrBasics, Language.En, 8, 10),
                NewSession(SessionKind.KeyResultWorkshop, Language.En, 21, 10),
                NewSession(SessionKind.OkrBasics, Language.En, 30, 10),
            };
            db.TrainingSessions.AddRange(sessions);
            await db.SaveChangesAsync();
            // One English speaker is already registered for another basics session.
            db.Enrollments.Add(new Enrollment { SessionId = sessions[4].Id, PersonId = english[0].Id, State = EnrollmentState.Registered, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc });
            // The first Finn already declined the earliest Finnish session: they go to the next one.
            db.Enrollments.Add(new Enrollment { SessionId = sessions[0].Id, PersonId = finns[0].Id, State = EnrollmentState.Declined, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc });
            await db.SaveChangesAsync();
            return (finns.Select(p => p.Id).ToList(), english.Select(p => p.Id).ToList(), sessions.Select(s => s.Id).ToList());
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var wavePage = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        var page = await ambassador.GetAsync(wavePage.QuerySelector<IHtmlAnchorElement>("#invite-to-training")!.Href);
        Assert.Equal("Active members: Finnish 6, English 4.", page.QuerySelector("#wave-languages")!.TextContent);
        Assert.Equal("9 / 10", page.QuerySelector($"#wave-session-{sessions[4]} td.free")!.TextContent);

        void Tick(AngleSharp.Html.Dom.IHtmlDocument document, params int[] ids)
        {
            foreach (var id in ids)
            {
                document.QuerySelector<IHtmlInputElement>($"#session-{id}")!.IsChecked = true;
            }
        }
        Tick(page, sessions[0], sessions[3]);
        var mixed = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#wave-training-form")!);
        Assert.Equal("Tick sessions of one kind: each member is invited to one of them.", mixed.QuerySelector("[data-valmsg-for=SessionIds]")!.TextContent);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Enrollments.CountAsync(e => sessions.Contains(e.SessionId) && e.State == EnrollmentState.Invited)));

        var again = await ambassador.GetAsync($"/Waves/Training/{waveId}");
        Tick(again, sessions[0], sessions[1], sessions[2]);
        var placed = await ambassador.SubmitAsync(again.QuerySelector<IHtmlFormElement>("#wave-training-form")!);

        Assert.Equal("8 invited.", placed.QuerySelector("#placement-invited")!.TextContent);
        Assert.Equal("1 already invited to, waiting for or trained in this kind of session, so not invited again.", placed.QuerySelector("#placement-covered")!.TextContent);
        Assert.StartsWith("No free place left for: Finnish 1.", placed.QuerySelector("#placement-no-place")!.TextContent);
        Assert.Equal("0 / 4", placed.QuerySelector($"#wave-session-{sessions[0]} td.free")!.TextContent);
        Assert.Equal("0 / 1", placed.QuerySelector($"#wave-session-{sessions[1]} td.free")!.TextContent);
        var invitedTo = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.State == EnrollmentState.Invited && sessions.Contains(e.SessionId))
            .Select(e => new { e.PersonId, e.SessionId, e.Session.Language, e.Person.PreferredLanguage }).ToListAsync());
        Assert.All(invitedTo, e => Assert.Equal(e.PreferredLanguage, e.Language));
        Assert.Equal([4, 1, 3], sessions.Take(3).Select(id => invitedTo.Count(e => e.SessionId == id)));
        Assert.DoesNotContain(invitedTo, e => e.PersonId == english[0]);
        Assert.Contains(invitedTo, e => e.PersonId == finns[0] && e.SessionId == sessions[1]);
        var mails = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == "TrainingInvitation" && m.RecipientEmail.Contains("kielitesti") || m.Template == "TrainingInvitation" && m.RecipientEmail.Contains("language.test"))
            .Select(m => new { m.RecipientEmail, m.Language }).ToListAsync());
        Assert.Equal(8, mails.Count);
        Assert.Equal(5, mails.Count(m => m.Language == Language.Fi));

        // A later session for the one left out: the same action invites only them.
        var third = await ambassador.GetAsync($"/Waves/Training/{waveId}");
        Tick(third, sessions[0], sessions[1], sessions[2]);
        await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.Id == sessions[1]).ExecuteUpdateAsync(u => u.SetProperty(s => s.Capacity, 2)));
        var rest = await ambassador.SubmitAsync(third.QuerySelector<IHtmlFormElement>("#wave-training-form")!);
        Assert.Equal("1 invited.", rest.QuerySelector("#placement-invited")!.TextContent);
        Assert.Null(rest.QuerySelector("#placement-no-place"));
        Assert.Equal(11, await factory.WithDbAsync(db => db.Enrollments.CountAsync(e => sessions.Contains(e.SessionId) && (finns.Contains(e.PersonId) || english.Contains(e.PersonId)))));
    }
}

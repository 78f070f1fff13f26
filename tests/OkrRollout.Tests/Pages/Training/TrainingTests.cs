using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Pages.Training;

public class TrainingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly ClaimsPrincipal Tester = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "test")], "test"));

    private Task<int> NewSessionAsync(int capacity = 10, DateTime? startUtc = null, SessionKind kind = SessionKind.OkrBasics, Language language = Language.Fi, string? trainer = null) =>
        factory.WithDbAsync(async db =>
        {
            var session = new TrainingSession { Kind = kind, Language = language, Mode = SessionMode.InPerson, Room = "Room 1", StartUtc = startUtc ?? factory.NowUtc.AddDays(10), DurationMinutes = 60, Capacity = capacity };
            if (trainer is not null)
            {
                session.Trainers.Add(new SessionTrainer { PersonId = await db.People.Where(p => p.Email == trainer).Select(p => p.Id).SingleAsync() });
            }
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            return session.Id;
        });

    private Task<List<int>> PeopleAsync(int count, int skip = 0) =>
        factory.WithDbAsync(db => db.People.Where(p => p.IsActive && !p.IsLead).OrderBy(p => p.Id).Skip(skip).Take(count).Select(p => p.Id).ToListAsync());

    private async Task<T> WithEnrollmentsAsync<T>(Func<SessionRoster, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SessionRoster>());
    }

    private Task<Dictionary<int, EnrollmentState>> StatesAsync(int sessionId) =>
        factory.WithDbAsync(db => db.Enrollments.Where(e => e.SessionId == sessionId).ToDictionaryAsync(e => e.PersonId, e => e.State));

    [Fact]
    public async Task Bad_scheduling_input_is_named_beside_its_field_and_nothing_is_written()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await factory.WithDbAsync(db => db.TrainingSessions.CountAsync());
        var form = (await ambassador.GetAsync("/Training/Sessions/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Mode"] = "Online",
            ["Input.Link"] = "",
            ["Input.Start"] = "2020-01-01T09:00",
            ["Input.DurationMinutes"] = "0",
        });

        Assert.Equal("An online session needs a link.", page.QuerySelector("[data-valmsg-for='Input.Link']")!.TextContent);
        Assert.Equal("A session cannot be scheduled in the past. To record one that was held already, tick the box.", page.QuerySelector("[data-valmsg-for='Input.Start']")!.TextContent);
        Assert.Equal("The duration must be from 1 to 1440 minutes.", page.QuerySelector("[data-valmsg-for='Input.DurationMinutes']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.TrainingSessions.CountAsync()));

        var demoUpcoming = await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.Enrollments.Count(e => e.State == EnrollmentState.Registered) == 4).Select(s => s.Id).FirstAsync());
        var edit = (await ambassador.GetAsync($"/Training/Sessions/Edit/{demoUpcoming}")).QuerySelector<IHtmlFormElement>("main form")!;
        var lower = await ambassador.SubmitAsync(edit, new() { ["Input.Capacity"] = "3" });
        Assert.Equal("4 people are already registered; the capacity cannot be lower.", lower.QuerySelector("[data-valmsg-for='Input.Capacity']")!.TextContent);
    }

    [Fact]
    public async Task Inviting_a_wave_to_a_finnish_session_invites_its_finnish_speakers_and_says_how_many_others_were_left_out()
    {
        var sessionId = await NewSessionAsync(language: Language.Fi);
        var wave = await factory.WithDbAsync(async db =>
        {
            var w = await db.Waves.Where(x => db.WaveMembers.Count(m => m.WaveId == x.Id && m.Person.IsActive && m.Person.PreferredLanguage == Language.En) > 0
                && db.WaveMembers.Count(m => m.WaveId == x.Id && m.Person.IsActive && m.Person.PreferredLanguage == Language.Fi) > 0).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            var english = await db.WaveMembers.CountAsync(m => m.WaveId == w && m.Person.IsActive && m.Person.PreferredLanguage == Language.En);
            return (Id: w, English: english);
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}");

        var after = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#invite-form")!, new() { ["Invite.RolloutGroupId"] = "", ["Invite.WaveId"] = wave.Id.ToString(CultureInfo.InvariantCulture) });

        Assert.Contains($"{wave.English} people who prefer another language than the session's were left out.", after.QuerySelector(".status")!.TextContent);
        var invitedLanguages = await factory.WithDbAsync(db => db.Enrollments.Where(e => e.SessionId == sessionId).Select(e => e.Person.PreferredLanguage).Distinct().ToListAsync());
        Assert.Equal([Language.Fi], invitedLanguages);
    }

    [Fact]
    public async Task An_ambassador_takes_a_registered_person_off_the_roster_they_are_told_and_the_first_waitlisted_gets_the_seat()
    {
        var sessionId = await NewSessionAsync(capacity: 1);
        var people = await PeopleAsync(2, skip: 60);
        await WithEnrollmentsAsync(async roster =>
        {
            await roster.InviteAsync(sessionId, people, Tester, CancellationToken.None);
            await roster.RespondAsync(sessionId, people[0], EnrollmentAction.Register, Tester, CancellationToken.None);
            return await roster.RespondAsync(sessionId, people[1], EnrollmentAction.Register, Tester, CancellationToken.None);
        });
        var email = await factory.WithDbAsync(db => db.People.Where(p => p.Id == people[0]).Select(p => p.Email).SingleAsync());
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}");
        Assert.NotNull(page.QuerySelector($"#roster-{people[1]} .uninvite"));

        var after = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#roster-form")!, submitterSelector: $"#roster-{people[0]} .uninvite");

        Assert.EndsWith("was taken off the roster and told.", after.QuerySelector(".status")!.TextContent.Trim());
        var states = await StatesAsync(sessionId);
        Assert.Equal((EnrollmentState.Cancelled, EnrollmentState.Registered), (states[people[0]], states[people[1]]));
        var told = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == email && m.Template == nameof(EmailTemplate.TrainingUninvited)));
        Assert.Contains("METHOD:CANCEL", told.Calendar);
        Assert.Null(after.QuerySelector($"#roster-{people[0]} .uninvite"));
    }

    [Fact]
    public async Task A_session_held_last_week_is_recorded_with_everyone_who_attended_at_once()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var attendees = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Skip(120).Take(3).Select(p => new { p.Id, p.Email }).ToListAsync());
        var lastWeek = factory.Today.AddDays(-7).ToDateTime(new TimeOnly(13, 0)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var form = (await ambassador.GetAsync("/Training/Sessions/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var session = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Title"] = "Kela pilot, held in the auditorium",
            ["Input.Room"] = "Auditorium",
            ["Input.Start"] = lastWeek,
            ["Input.HeldAlready"] = "true",
        });
        var added = await ambassador.SubmitAsync(session.QuerySelector<IHtmlFormElement>("#walk-in-form")!, new() { ["WalkInEmail"] = string.Join("\n", attendees.Select(a => a.Email)) });

        Assert.Equal("Attended: 3.", added.QuerySelector(".status")!.TextContent.Trim());
        var sessionId = await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.Title == "Kela pilot, held in the auditorium").Select(s => s.Id).SingleAsync());
        var states = await StatesAsync(sessionId);
        Assert.All(attendees, a => Assert.Equal(EnrollmentState.Attended, states[a.Id]));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "training.session-recorded" && a.EntityId == sessionId.ToString())));
        Assert.Equal(0, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith($"training-invite:{sessionId}:"))));
    }

    [Fact]
    public async Task A_sessions_rollout_group_must_be_in_its_wave()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var (otherWave, group) = await factory.WithDbAsync(async db =>
        {
            var g = await db.RolloutGroups.OrderBy(r => r.Id).Select(r => new { r.Id, r.WaveId, WaveName = r.Wave.Name }).FirstAsync();
            var w = await db.Waves.Where(x => x.Id != g.WaveId).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            return (w, g);
        });
        var before = await factory.WithDbAsync(db => db.TrainingSessions.CountAsync());
        var form = (await ambassador.GetAsync("/Training/Sessions/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new()
        {
            ["Input.Room"] = "Room 1",
            ["Input.WaveId"] = otherWave.ToString(CultureInfo.InvariantCulture),
            ["Input.RolloutGroupId"] = group.Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal($"This rollout group is in {group.WaveName}, not in the session's wave: choose one of its wave's groups, or that wave.", page.QuerySelector("[data-valmsg-for='Input.RolloutGroupId']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.TrainingSessions.CountAsync()));
    }

    [Fact]
    public async Task After_the_session_those_who_came_and_those_who_did_not_still_hold_their_seats_and_no_show_is_a_button()
    {
        var sessionId = await NewSessionAsync(capacity: 6, startUtc: factory.NowUtc.AddHours(1), trainer: DemoUsers.Ambassador);
        var people = await PeopleAsync(5, skip: 40);
        await WithEnrollmentsAsync(async roster =>
        {
            await roster.InviteAsync(sessionId, people, Tester, CancellationToken.None);
            foreach (var person in people)
            {
                await roster.RespondAsync(sessionId, person, EnrollmentAction.Register, Tester, CancellationToken.None);
            }
            return 0;
        });
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await WithEnrollmentsAsync(roster => roster.MarkRegisteredAttendedAsync(sessionId, Tester, CancellationToken.None));
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}");
        Assert.Contains("5 of 6 seats taken", page.QuerySelector("#roster-counts")!.TextContent);

        var row = page.QuerySelector($"#roster-{people[0]}")!;
        var after = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#roster-form")!, submitterSelector: $"#roster-{people[0]} .mark-no-show");

        Assert.Equal(nameof(EnrollmentState.NoShow), after.QuerySelector($"#roster-{people[0]}")!.GetAttribute("data-state"));
        Assert.Null(after.QuerySelector($"#roster-{people[0]} .mark-no-show"));
        Assert.NotNull(row.QuerySelector(".mark-no-show"));
        Assert.Contains("5 of 6 seats taken", after.QuerySelector("#roster-counts")!.TextContent);
    }

    [Theory]
    [InlineData("9999-12-31T23:59", "1440", "Enter a date from 01/01/2000 to 31/12/2100.")]
    [InlineData("0001-01-01T00:00", "60", "Enter a date from 01/01/2000 to 31/12/2100.")]
    [InlineData("2100-12-31T23:59", "1440", "The session must end by 31/12/2100.")]
    public async Task Session_at_the_end_of_time_is_refused(string start, string minutes, string message)
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await factory.WithDbAsync(db => db.TrainingSessions.CountAsync());
        var form = (await ambassador.GetAsync("/Training/Sessions/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new() { ["Input.Start"] = start, ["Input.DurationMinutes"] = minutes, ["Input.Room"] = "Room 1" });

        Assert.Equal(message, page.QuerySelector("[data-valmsg-for='Input.Start']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.TrainingSessions.CountAsync()));
    }

    [Fact]
    public async Task A_wave_group_or_request_that_does_not_exist_is_refused_beside_the_field()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var before = await factory.WithDbAsync(db => db.TrainingSessions.CountAsync());
        var form = (await ambassador.GetAsync("/Training/Sessions/Edit")).QuerySelector<IHtmlFormElement>("main form")!;

        var page = await ambassador.SubmitAsync(form, new() { ["Input.Room"] = "Room 1", ["Input.WaveId"] = "999999", ["Input.RolloutGroupId"] = "999999", ["Input.TrainingRequestId"] = "999999" });

        Assert.Equal("Choose a wave.", page.QuerySelector("[data-valmsg-for='Input.WaveId']")!.TextContent);
        Assert.Equal("Choose a rollout group.", page.QuerySelector("[data-valmsg-for='Input.RolloutGroupId']")!.TextContent);
        Assert.Equal("Choose a team training request.", page.QuerySelector("[data-valmsg-for='Input.TrainingRequestId']")!.TextContent);
        Assert.Equal(before, await factory.WithDbAsync(db => db.TrainingSessions.CountAsync()));
    }

    [Fact]
    public async Task Inviting_twice_duplicates_neither_the_person_nor_their_email()
    {
        var sessionId = await NewSessionAsync();
        var people = await PeopleAsync(6);

        var first = await WithEnrollmentsAsync(e => e.InviteAsync(sessionId, people, Tester, CancellationToken.None));
        var second = await WithEnrollmentsAsync(e => e.InviteAsync(sessionId, people, Tester, CancellationToken.None));

        Assert.Equal((6, 0), (first, second));
        Assert.Equal(6, await factory.WithDbAsync(db => db.Enrollments.CountAsync(e => e.SessionId == sessionId && e.State == EnrollmentState.Invited)));
        var invitations = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith($"training-invite:{sessionId}:")).ToListAsync());
        Assert.Equal(6, invitations.Count);
        Assert.All(invitations, m => Assert.Contains("METHOD:REQUEST", m.Calendar));
        Assert.All(invitations, m => Assert.Contains($"UID:training-session-{sessionId}@okrrollout", m.Calendar));
    }

    [Fact]
    public async Task Over_capacity_goes_to_the_waitlist_and_a_cancellation_promotes_the_first_who_is_told()
    {
        var sessionId = await NewSessionAsync(capacity: 2);
        var people = await PeopleAsync(4, skip: 10);
        foreach (var person in people)
        {
            await WithEnrollmentsAsync(e => e.RespondAsync(sessionId, person, EnrollmentAction.Register, Tester, CancellationToken.None));
        }
        var states = await StatesAsync(sessionId);
        Assert.Equal([EnrollmentState.Registered, EnrollmentState.Registered, EnrollmentState.Waitlisted, EnrollmentState.Waitlisted], people.Select(p => states[p]));

        var result = await WithEnrollmentsAsync(e => e.RespondAsync(sessionId, people[0], EnrollmentAction.Cancel, Tester, CancellationToken.None));

        Assert.True(result.Promoted);
        states = await StatesAsync(sessionId);
        Assert.Equal([EnrollmentState.Cancelled, EnrollmentState.Registered, EnrollmentState.Registered, EnrollmentState.Waitlisted], people.Select(p => states[p]));
        var promotion = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Template == nameof(EmailTemplate.WaitlistPromotion) && m.DeduplicationKey!.StartsWith($"waitlist-promotion:{sessionId}:{people[2]}:")));
        Assert.Contains("METHOD:REQUEST", promotion.Calendar);
    }

    [Fact]
    public async Task Many_people_registering_from_their_links_at_the_same_moment_never_exceed_the_capacity()
    {
        var sessionId = await NewSessionAsync(capacity: 5);
        var people = await PeopleAsync(20, skip: 20);
        await WithEnrollmentsAsync(e => e.InviteAsync(sessionId, people, Tester, CancellationToken.None));
        var links = await factory.WithDbAsync(async db => (await db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith($"training-invite:{sessionId}:")).Select(m => m.TextBody).ToListAsync())
            .Select(body => System.Text.RegularExpressions.Regex.Match(factory.AsSent(body), "/Training/Respond/[A-Za-z0-9_-]+").Value).ToList());
        var visitors = new List<(PageSession Session, IHtmlFormElement Form)>();
        foreach (var link in links)
        {
            var visitor = new PageSession(factory.CreateClient());
            visitors.Add((visitor, (await visitor.GetAsync(link)).QuerySelector<IHtmlFormElement>("main form")!));
        }

        await Task.WhenAll(visitors.Select(v => v.Session.SubmitAsync(v.Form, submitterSelector: "#respond-register")));

        var states = await StatesAsync(sessionId);
        Assert.Equal(5, states.Values.Count(s => s == EnrollmentState.Registered));
        Assert.Equal(15, states.Values.Count(s => s == EnrollmentState.Waitlisted));
        visitors.ForEach(v => v.Session.Dispose());
    }

    /// <summary>A session that started half an hour ago, its trainer, and people registered for it.</summary>
    private async Task<(string Trainer, int SessionId, List<int> People)> StartedSessionAsync(int registered, int skip)
    {
        var trainer = await factory.CreateSignInAsync("emma.laine@aurora-telematics.example");
        var sessionId = await NewSessionAsync(startUtc: factory.NowUtc.AddMinutes(-30), trainer: trainer);
        var people = await PeopleAsync(registered, skip);
        await factory.WithDbAsync(async db =>
        {
            db.Enrollments.AddRange(people.Select(p => new Enrollment { SessionId = sessionId, PersonId = p, State = EnrollmentState.Registered, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc }));
            await db.SaveChangesAsync();
        });
        return (trainer, sessionId, people);
    }

    [Fact]
    public async Task A_trainer_toggles_attendance_with_htmx_once_the_session_has_started_and_parallel_toggles_lose_nothing()
    {
        var (trainer, sessionId, people) = await StartedSessionAsync(registered: 8, skip: 40);
        using var session = await PageSession.SignInAsync(factory, trainer);
        var page = await session.GetAsync($"/Training/Sessions/Details/{sessionId}");
        var toggle = page.QuerySelector($"#roster-{people[0]} button.toggle-attended")!;
        var token = PageSession.HtmxAntiforgeryToken(page);

        using var response = await session.HtmxPostAsync(toggle.GetAttribute("hx-post")!, [], token);
        var row = PageSession.Parse("<table><tbody>" + await response.Content.ReadAsStringAsync() + "</tbody></table>");
        Assert.Equal("Attended", row.QuerySelector($"#roster-{people[0]} td.state")!.TextContent);
        Assert.Equal("roster-changed", response.Headers.GetValues("HX-Trigger").Single());

        using var second = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var secondToken = PageSession.HtmxAntiforgeryToken(await second.GetAsync($"/Training/Sessions/Details/{sessionId}"));
        await Task.WhenAll(people.Skip(1).Select((p, i) => (i % 2 == 0 ? session : second)
            .HtmxPostAsync($"/Training/Sessions/Details/{sessionId}?handler=Attendance&personId={p}&attended=true", [], i % 2 == 0 ? token : secondToken)));
        Assert.All((await StatesAsync(sessionId)).Values, s => Assert.Equal(EnrollmentState.Attended, s));

        var counts = await session.HtmxGetAsync($"/Training/Sessions/Details/{sessionId}?handler=Counts");
        Assert.Equal("8", counts.QuerySelector("[data-state=Attended] strong")!.TextContent);
    }

    [Fact]
    public async Task Without_javascript_a_roster_button_posts_the_rosters_one_form()
    {
        var (trainer, sessionId, people) = await StartedSessionAsync(registered: 3, skip: 60);
        using var session = await PageSession.SignInAsync(factory, trainer);
        var page = await session.GetAsync($"/Training/Sessions/Details/{sessionId}");

        // One antiforgery token for the whole roster; each row's button names the form and its own action.
        Assert.Single(page.QuerySelectorAll("#roster-form input[name=__RequestVerificationToken]"));
        Assert.Empty(page.QuerySelectorAll("#roster form"));
        await session.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#roster-form")!, submitterSelector: $"#roster-{people[1]} button.toggle-attended");

        Assert.Equal(EnrollmentState.Attended, (await StatesAsync(sessionId))[people[1]]);
        Assert.Equal(EnrollmentState.Registered, (await StatesAsync(sessionId))[people[0]]);
    }

    [Fact]
    public async Task Attendance_before_the_start_is_refused_and_members_cannot_take_it()
    {
        var sessionId = await NewSessionAsync();
        var person = (await PeopleAsync(1, skip: 60))[0];
        await WithEnrollmentsAsync(e => e.RespondAsync(sessionId, person, EnrollmentAction.Register, Tester, CancellationToken.None));
        var early = await WithEnrollmentsAsync(e => e.MarkAttendanceAsync(sessionId, person, true, Tester, CancellationToken.None));
        Assert.Equal(EnrollmentRules.NotStarted, early.Refusal);

        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var page = await member.GetAsync($"/Training/Sessions/Details/{sessionId}");
        Assert.Null(page.QuerySelector("#roster"));
        Assert.Null(page.QuerySelector("#invite-form"));
        using var forbidden = await member.HtmxPostAsync($"/Training/Sessions/Details/{sessionId}?handler=Attendance&personId={person}&attended=true", [], PageSession.HtmxAntiforgeryToken(page));
        Assert.Contains("/Account/AccessDenied", forbidden.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(EnrollmentState.Registered, (await StatesAsync(sessionId))[person]);
    }

    /// <summary>A POST as htmx makes it and as the page's own form makes it (both with a valid antiforgery token).</summary>
    private static async Task<(HttpStatusCode Htmx, HttpStatusCode Form)> PostBothWaysAsync(PageSession session, string url, Dictionary<string, string> fields, string token)
    {
        using var htmx = await session.HtmxPostAsync(url, fields, token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        using var form = await session.Client.SendAsync(request);
        return (htmx.StatusCode, form.StatusCode);
    }

    [Theory]
    [InlineData("Attendance&personId={person}&attended=true")]
    [InlineData("AllAttended")]
    [InlineData("WalkIn")]
    [InlineData("OfferNext")]
    [InlineData("CancelSession")]
    [InlineData("Invite")]
    [InlineData("Register")]
    [InlineData("Decline")]
    [InlineData("CancelMine")]
    public async Task A_handler_on_a_session_that_does_not_exist_answers_404(string handler)
    {
        const int noSuchSession = 999_999;
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var token = PageSession.HtmxAntiforgeryToken(await admin.GetAsync("/Training"));
        var person = (await PeopleAsync(1))[0];
        var fields = new Dictionary<string, string> { ["WalkInEmail"] = DemoUsers.Member, ["Invite.Emails"] = DemoUsers.Member };

        var answers = await PostBothWaysAsync(admin, $"/Training/Sessions/Details/{noSuchSession}?handler={handler.Replace("{person}", person.ToString())}", fields, token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), answers);
        Assert.False(await factory.WithDbAsync(db => db.Enrollments.AnyAsync(e => e.SessionId == noSuchSession)));
    }

    [Fact]
    public async Task Attendance_for_a_person_not_on_the_roster_answers_404()
    {
        var (trainer, sessionId, _) = await StartedSessionAsync(registered: 1, skip: 100);
        var outsider = (await PeopleAsync(1, skip: 101))[0];
        using var session = await PageSession.SignInAsync(factory, trainer);
        var token = PageSession.HtmxAntiforgeryToken(await session.GetAsync($"/Training/Sessions/Details/{sessionId}"));

        var answers = await PostBothWaysAsync(session, $"/Training/Sessions/Details/{sessionId}?handler=Attendance&personId={outsider}&attended=true", [], token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), answers);
        Assert.DoesNotContain(outsider, (await StatesAsync(sessionId)).Keys);
    }

    [Fact]
    public async Task The_invitation_link_registers_without_signing_in()
    {
        var sessionId = await NewSessionAsync();
        var person = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive && !p.IsLead && p.PreferredLanguage == Language.En).OrderBy(p => p.Id).Skip(5).Select(p => p.Id).FirstAsync());
        await WithEnrollmentsAsync(e => e.InviteAsync(sessionId, [person], Tester, CancellationToken.None));
        var body = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey == $"training-invite:{sessionId}:{person}").Select(m => m.TextBody).SingleAsync());
        var link = System.Text.RegularExpressions.Regex.Match(factory.AsSent(body), "/Training/Respond/[A-Za-z0-9_-]+").Value;

        using var anonymous = new PageSession(factory.CreateClient());
        var page = await anonymous.GetAsync(link);
        Assert.Equal("Invited", page.QuerySelector("#respond-state")!.TextContent);
        var registered = await anonymous.SubmitAsync(page.QuerySelector<IHtmlFormElement>("main form")!, submitterSelector: "#respond-register");

        Assert.Equal("Registered", registered.QuerySelector("#respond-state")!.TextContent);
        Assert.Equal(EnrollmentState.Registered, (await StatesAsync(sessionId))[person]);
        Assert.NotNull((await anonymous.GetAsync("/Training/Respond/not-a-token")).QuerySelector("#respond-unknown"));
    }

    [Fact]
    public async Task The_invitation_link_speaks_the_invitees_language_whatever_the_browsers_and_the_switcher_still_wins()
    {
        var sessionId = await NewSessionAsync();
        var person = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive && !p.IsLead && p.PreferredLanguage == Language.Fi).OrderBy(p => p.Id).Skip(30).Select(p => p.Id).FirstAsync());
        await WithEnrollmentsAsync(e => e.InviteAsync(sessionId, [person], Tester, CancellationToken.None));
        var body = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey == $"training-invite:{sessionId}:{person}").Select(m => m.TextBody).SingleAsync());
        var link = System.Text.RegularExpressions.Regex.Match(factory.AsSent(body), "/Training/Respond/[A-Za-z0-9_-]+").Value;
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        using var anonymous = new PageSession(client);

        var page = await anonymous.GetAsync(link);

        Assert.Equal("Ilmoittaudu", page.QuerySelector("#respond-register")!.TextContent);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        Assert.Equal("Register", (await anonymous.GetAsync(link)).QuerySelector("#respond-register")!.TextContent);
    }

    [Fact]
    public async Task Changing_the_time_sends_an_update_and_cancelling_sends_a_cancellation_to_those_holding_the_event()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var sessionId = await NewSessionAsync();
        var people = await PeopleAsync(3, skip: 80);
        await WithEnrollmentsAsync(e => e.InviteAsync(sessionId, people, Tester, CancellationToken.None));
        await WithEnrollmentsAsync(e => e.RespondAsync(sessionId, people[0], EnrollmentAction.Register, Tester, CancellationToken.None));
        await WithEnrollmentsAsync(e => e.RespondAsync(sessionId, people[1], EnrollmentAction.Decline, Tester, CancellationToken.None));

        var form = (await ambassador.GetAsync($"/Training/Sessions/Edit/{sessionId}")).QuerySelector<IHtmlFormElement>("main form")!;
        var later = factory.NowUtc.AddDays(12).ToString("yyyy-MM-ddT10:00");
        var saved = await ambassador.SubmitAsync(form, new() { ["Input.Start"] = later });
        Assert.Equal("Saved. 2 people were sent the change.", saved.QuerySelector(".status")!.TextContent);
        var updates = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.TrainingUpdate) && m.DeduplicationKey!.StartsWith($"TrainingUpdate:{sessionId}:")).ToListAsync());
        Assert.Equal(2, updates.Count);
        Assert.All(updates, m => Assert.Contains("SEQUENCE:1", m.Calendar));

        var cancelled = await ambassador.SubmitAsync(saved.QuerySelector<IHtmlFormElement>("#cancel-session-form")!);
        Assert.Equal("The session was cancelled; 2 people were told.", cancelled.QuerySelector(".status")!.TextContent);
        var cancellations = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.TrainingCancellation) && m.DeduplicationKey!.StartsWith($"TrainingCancellation:{sessionId}:")).ToListAsync());
        Assert.All(cancellations, m => Assert.Contains("METHOD:CANCEL", m.Calendar));
        Assert.All(cancellations, m => Assert.Contains("SEQUENCE:2", m.Calendar));

        // Read by someone else's parser: every invitation, update and cancellation of the session.
        var invitations = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.TrainingInvitation) && m.Calendar != null && m.Calendar.Contains($"UID:training-session-{sessionId}@")).ToListAsync());
        Assert.Equal(3, invitations.Count);
        var newStartUtc = TestClock.At(DateOnly.FromDateTime(factory.NowUtc.AddDays(12)), new TimeOnly(10, 0)).UtcDateTime;
        foreach (var (messages, method, sequence) in new[] { (invitations, "REQUEST", 0), (updates, "REQUEST", 1), (cancellations, "CANCEL", 2) })
        {
            foreach (var message in messages)
            {
                var parsed = IcalendarParser.Parse(message.Calendar!);
                Assert.Equal(method, parsed.GetProperty("method").GetString());
                Assert.Equal(["Europe/Helsinki"], parsed.GetProperty("timezones").EnumerateArray().Select(t => t.GetString()));
                var calendarEvent = Assert.Single(parsed.GetProperty("events").EnumerateArray());
                var properties = calendarEvent.GetProperty("properties").EnumerateArray().Select(p => p.GetString()).ToList();
                Assert.All(new[] { "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "ORGANIZER", "ATTENDEE" }, required => Assert.Contains(required, properties));
                Assert.Equal($"training-session-{sessionId}@okrrollout", calendarEvent.GetProperty("uid").GetString());
                Assert.Equal(sequence, calendarEvent.GetProperty("sequence").GetInt32());
                Assert.Equal("Europe/Helsinki", calendarEvent.GetProperty("tzid").GetString());
                Assert.Equal(["mailto:" + message.RecipientEmail], calendarEvent.GetProperty("attendees").EnumerateArray().Select(a => a.GetString()));
                Assert.Equal(["TRUE"], calendarEvent.GetProperty("rsvp").EnumerateArray().Select(a => a.GetString()));
                Assert.Equal(method == "CANCEL" ? "CANCELLED" : "CONFIRMED", calendarEvent.GetProperty("status").GetString());
                if (sequence > 0)
                {
                    Assert.Equal(newStartUtc.ToString("yyyy-MM-ddTHH:mm:ssZ"), calendarEvent.GetProperty("start_utc").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task No_shows_and_decliners_are_offered_the_next_session_of_the_same_kind_and_language()
    {
        var past = await NewSessionAsync(startUtc: factory.NowUtc.AddDays(-1), kind: SessionKind.KeyResultWorkshop, language: Language.En);
        await NewSessionAsync(startUtc: factory.NowUtc.AddDays(20), kind: SessionKind.KeyResultWorkshop, language: Language.En);
        var people = await PeopleAsync(3, skip: 90);
        await factory.WithDbAsync(async db =>
        {
            var states = new[] { EnrollmentState.NoShow, EnrollmentState.Declined, EnrollmentState.Attended };
            db.Enrollments.AddRange(people.Select((p, i) => new Enrollment { SessionId = past, PersonId = p, State = states[i], ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc }));
            await db.SaveChangesAsync();
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Training/Sessions/Details/{past}");

        var nextPage = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=OfferNext']")!);

        Assert.Equal("2 no-shows and decliners were invited to the next session.", nextPage.QuerySelector(".status")!.TextContent);
        // The next English key-result workshop: the demo has one before the session this test adds.
        var offered = int.Parse(new Uri(nextPage.Url).Segments.Last());
        Assert.Equal(await factory.WithDbAsync(db => db.TrainingSessions.Where(s => s.Kind == SessionKind.KeyResultWorkshop && s.Language == Language.En && s.StartUtc > factory.NowUtc)
            .OrderBy(s => s.StartUtc).Select(s => s.Id).FirstAsync()), offered);
        var states = await StatesAsync(offered);
        Assert.Equal((EnrollmentState.Invited, EnrollmentState.Invited), (states[people[0]], states[people[1]]));
        Assert.False(states.ContainsKey(people[2]));
    }

    [Fact]
    public async Task The_attendance_export_has_the_columns_hr_needs()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var csv = Encoding.UTF8.GetString(await ambassador.Client.GetByteArrayAsync("/Training/Export")).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,email,unit,wave,group,session,kind,language,date,duration_minutes,state", lines[0]);
        Assert.Contains(lines, l => l.Contains("Pilot rollout group") && l.Contains(",OkrBasics,fi,2026-09-08 09:00,120,Attended"));
        await (await PageSession.SignInAsync(factory, DemoUsers.Member)).GetAsync("/Training/Export", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Feedback_comments_carry_names_only_for_ambassadors()
    {
        var sessionId = await factory.WithDbAsync(db => db.SessionFeedback.Where(f => f.Comment.Length > 0).Select(f => f.SessionId).FirstAsync());
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var name = await factory.WithDbAsync(db => db.SessionFeedback.Where(f => f.SessionId == sessionId && f.Comment.Length > 0).Select(f => f.Person.Name).FirstAsync());

        var memberView = (await member.GetAsync($"/Training/Sessions/Details/{sessionId}")).QuerySelector("#feedback")!.TextContent;
        var ambassadorView = (await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}")).QuerySelector("#feedback")!.TextContent;

        Assert.Contains("Average usefulness", memberView);
        Assert.DoesNotContain(name, memberView);
        Assert.Contains(name, ambassadorView);
    }

    [Fact]
    public async Task Calendar_views_list_upcoming_sessions_and_a_month()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);

        var list = await member.GetAsync("/Training?language=En");
        Assert.All(list.QuerySelectorAll("#sessions tbody tr td:nth-child(3)"), td => Assert.Equal("en", td.TextContent));
        var month = await member.GetAsync("/Training?view=month&month=2026-09");
        Assert.Equal(2, month.QuerySelectorAll("#month a.chip").Length);
        var mine = await member.GetAsync("/Training/Mine");
        Assert.NotNull(mine.QuerySelector("#open-sessions"));
    }

    [Theory]
    [InlineData("9999-12", "2100-12")]
    [InlineData("2101-01", "2100-12")]
    [InlineData("0001-01", "2000-01")]
    [InlineData("1999-12", "2000-01")]
    [InlineData("10000-01", null)]
    [InlineData("2026-13", null)]
    [InlineData("soon", null)]
    public async Task Month_far_in_the_future_is_not_a_server_error(string asked, string? shown)
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var expected = shown is null ? new DateOnly(factory.Today.Year, factory.Today.Month, 1) : DateOnly.ParseExact(shown, "yyyy-MM");

        var page = await member.GetAsync($"/Training?view=month&month={asked}");

        Assert.Equal(expected.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), page.QuerySelector("#month-title")!.TextContent);
        foreach (var link in page.QuerySelectorAll(".pager a"))
        {
            await member.GetAsync(link.GetAttribute("href")!);
        }
    }
}

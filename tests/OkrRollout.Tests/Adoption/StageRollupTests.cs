using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Adoption;

public class StageRollupTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly ClaimsPrincipal Actor = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "test")], "test"));

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, AppDbContext, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<List<string>> RowsAsync() => factory.WithDbAsync(async db =>
        (await db.StageRollups.AsNoTracking().ToListAsync())
            .Select(r => $"{r.ProgrammeId}/{r.UnitId}/{r.WaveId}/{r.RolloutGroupId}/{r.IsLead}/{r.Stage}={r.People}")
            .Concat((await db.UnitActivityRollups.AsNoTracking().ToListAsync()).Select(a => $"unit {a.UnitId}: {a.Attended}/{a.NoShows}/{a.HasKeyResults}/{a.LastCheckIn}/{a.AverageConfidence:0.000}"))
            .Order(StringComparer.Ordinal).ToList());

    /// <summary>Brings the roll-ups up to date from what was marked, then checks them against deriving everything again.</summary>
    private async Task<List<int?>> AssertIncrementalEqualsFullAsync()
    {
        var marked = await factory.WithDbAsync(db => db.StageFactChanges.Select(c => c.Everything ? -1 : c.UnitId).ToListAsync());
        await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().EnsureFreshAsync(CancellationToken.None));
        var incremental = await RowsAsync();
        await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().RefreshAsync(everything: true, CancellationToken.None));
        Assert.Equal(await RowsAsync(), incremental);
        return marked;
    }

    [Fact]
    public async Task Each_kind_of_change_marks_only_its_units_and_the_incremental_roll_ups_equal_a_full_recompute()
    {
        await AssertIncrementalEqualsFullAsync();
        var today = factory.Today;

        // Everyone registered for a past core session attended (a bulk update the change tracker does not see).
        var sessionId = await InScopeAsync(async (sp, db) =>
        {
            var enrollment = await db.Enrollments.Where(e => e.Session.Kind == SessionKind.KeyResultWorkshop && e.Session.StartUtc > factory.NowUtc).FirstAsync();
            enrollment.State = EnrollmentState.Registered;
            await db.SaveChangesAsync();
            await db.TrainingSessions.Where(s => s.Id == enrollment.SessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartUtc, factory.NowUtc.AddMinutes(-5)));
            await db.StageFactChanges.ExecuteDeleteAsync();
            return enrollment.SessionId;
        });
        await InScopeAsync((sp, _) => sp.GetRequiredService<SessionRoster>().MarkRegisteredAttendedAsync(sessionId, Actor, CancellationToken.None));
        var marked = await AssertIncrementalEqualsFullAsync();
        Assert.NotEmpty(marked);
        Assert.DoesNotContain(-1, marked);

        // A team checks in on one of its key results.
        var teamUnit = await factory.WithDbAsync(async db =>
        {
            var keyResult = await db.KeyResults.Include(k => k.Objective).Where(k => k.Objective.Status == ObjectiveStatus.Published).OrderBy(k => k.Id).FirstAsync();
            db.CheckIns.Add(new CheckIn { KeyResultId = keyResult.Id, Date = today, Value = 1, Confidence = 4, CreatedAtUtc = factory.NowUtc });
            await db.SaveChangesAsync();
            return keyResult.Objective.UnitId;
        });
        Assert.Equal([teamUnit], await AssertIncrementalEqualsFullAsync());

        // A draft objective is published; an ambassador overrides someone's stage; someone moves team; someone leaves.
        await factory.WithDbAsync(async db =>
        {
            var draft = await db.Objectives.Where(o => o.Status == ObjectiveStatus.Draft).OrderBy(o => o.Id).FirstOrDefaultAsync();
            if (draft is not null)
            {
                draft.Status = ObjectiveStatus.Published;
            }
            var members = await db.WaveMembers.Include(m => m.Person).OrderBy(m => m.Id).Take(3).ToListAsync();
            db.StageOverrides.Add(new StageOverride { ProgrammeId = members[0].ProgrammeId, PersonId = members[0].PersonId, Stage = OnboardingStage.Practising, Reason = "Trained at a previous employer", SetBy = "test", SetAtUtc = factory.NowUtc });
            var otherUnit = await db.OrgUnits.Where(u => u.Id != members[1].Person.UnitId && u.ParentId != null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            members[1].Person.UnitId = otherUnit;
            members[2].Person.IsActive = false;
            await db.SaveChangesAsync();
            return 0;
        });
        marked = await AssertIncrementalEqualsFullAsync();
        Assert.InRange(marked.Count, 3, 6);
        Assert.DoesNotContain(-1, marked);

        // A wave is split into rollout groups (another bulk update).
        await InScopeAsync(async (sp, db) =>
        {
            var wave = await db.Waves.Where(w => w.Members.Count > 6).OrderBy(w => w.Order).LastAsync();
            return await sp.GetRequiredService<WaveMembership>().SplitIntoGroupsAsync(wave, 6, "Group", Actor, CancellationToken.None);
        });
        marked = await AssertIncrementalEqualsFullAsync();
        Assert.NotEmpty(marked);
        Assert.DoesNotContain(-1, marked);
    }

    [Fact]
    public async Task Bulk_additions_to_a_wave_and_bulk_invitations_mark_their_units()
    {
        await AssertIncrementalEqualsFullAsync();

        // A new programme takes a whole function into a wave (a prepared insert per person, no change tracking).
        var (wave, unit) = await factory.WithDbAsync(async db =>
        {
            var programme = new Programme { Name = "Second wave of OKRs", StartDate = new DateOnly(2027, 1, 4), TargetDate = new DateOnly(2027, 6, 30) };
            var wave = new Wave { Programme = programme, Name = "Software again", Kind = WaveKind.Wave, Order = 1, PlannedStart = new DateOnly(2027, 1, 4), PlannedEnd = new DateOnly(2027, 2, 26) };
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
            var software = await db.OrgUnits.Where(u => u.NamePath.EndsWith("/Software")).Select(u => u.Id).SingleAsync();
            await db.StageFactChanges.ExecuteDeleteAsync();
            return (wave, software);
        });
        await InScopeAsync((sp, _) => sp.GetRequiredService<WaveMembership>().AddAsync(wave, new WaveSelection(unit, false, []), Actor, CancellationToken.None));
        var marked = await AssertIncrementalEqualsFullAsync();
        Assert.NotEmpty(marked);
        Assert.DoesNotContain(-1, marked);
        Assert.True(await factory.WithDbAsync(db => db.StageRollups.AnyAsync(r => r.WaveId == wave.Id)));

        // Those people are invited to a core session in one go.
        var session = await factory.WithDbAsync(async db =>
        {
            var session = new TrainingSession { ProgrammeId = wave.ProgrammeId, Kind = SessionKind.OkrBasics, Language = Language.En, Mode = SessionMode.Online, Link = "https://meet.example/okr", StartUtc = factory.NowUtc.AddDays(20), DurationMinutes = 90, Capacity = 100 };
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            await db.StageFactChanges.ExecuteDeleteAsync();
            return session.Id;
        });
        var invitees = await factory.WithDbAsync(db => db.WaveMembers.Where(m => m.WaveId == wave.Id).Select(m => m.PersonId).ToListAsync());
        await InScopeAsync((sp, _) => sp.GetRequiredService<SessionRoster>().InviteAsync(session, invitees, Actor, CancellationToken.None));
        marked = await AssertIncrementalEqualsFullAsync();
        Assert.NotEmpty(marked);
        Assert.DoesNotContain(-1, marked);
    }

    [Fact]
    public async Task A_save_touching_more_people_than_are_worth_looking_up_asks_for_everything()
    {
        await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.Where(u => u.NamePath.EndsWith("/Cloud Platform")).Select(u => u.Id).SingleAsync();
            var people = Enumerable.Range(0, AdoptionFigures.SeekLimit + 1)
                .Select(i => new Person { Email = $"temp.{i}@aurora-telematics.example", Name = $"Temp {i}", UnitId = unit }).ToList();
            db.People.AddRange(people);
            var session = new TrainingSession { Kind = SessionKind.OkrBasics, Language = Language.En, Mode = SessionMode.Online, Link = "https://meet.example/okr", StartUtc = factory.NowUtc.AddDays(30), DurationMinutes = 90, Capacity = 5000 };
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            await db.StageFactChanges.ExecuteDeleteAsync();
            db.Enrollments.AddRange(people.Select(p => new Enrollment { SessionId = session.Id, PersonId = p.Id, State = EnrollmentState.Invited, ResponseTokenHash = "" }));
            await db.SaveChangesAsync();
        });

        Assert.Equal([-1], await AssertIncrementalEqualsFullAsync());
    }

    [Fact]
    public async Task Saves_that_touch_no_stage_mark_nothing_and_keep_the_version()
    {
        var version = await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().EnsureFreshAsync(CancellationToken.None));

        await factory.WithDbAsync(async db =>
        {
            db.Audit(Actor, "test.nothing", nameof(Person), 1);
            var person = await db.People.OrderBy(p => p.Id).FirstAsync();
            person.PreferredLanguage = person.PreferredLanguage == Language.Fi ? Language.En : Language.Fi;
            await db.SaveChangesAsync();
            return 0;
        });

        Assert.Equal(0, await factory.WithDbAsync(db => db.StageFactChanges.CountAsync()));
        Assert.Equal(version, await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().EnsureFreshAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Roll_ups_from_yesterday_wait_for_the_nightly_job_and_older_ones_are_derived_again_by_the_reader()
    {
        var today = factory.Today;
        var version = await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().RefreshAsync(everything: true, CancellationToken.None));

        await factory.WithDbAsync(db => db.RollupStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.ComputedOn, today.AddDays(-1))));
        Assert.Equal(version, await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().EnsureFreshAsync(CancellationToken.None)));

        await factory.WithDbAsync(db => db.RollupStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.ComputedOn, today.AddDays(-2))));
        var again = await InScopeAsync((sp, _) => sp.GetRequiredService<StageRollupRefresher>().EnsureFreshAsync(CancellationToken.None));
        Assert.True(again > version);
        Assert.Equal(today, await factory.WithDbAsync(db => db.RollupStates.Select(s => s.ComputedOn).SingleAsync()));

        // The nightly snapshot derives everything again, whatever the date says.
        await factory.WithDbAsync(db => db.RollupStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.ComputedOn, today.AddDays(-1))));
        await InScopeAsync(async (sp, _) => await sp.GetRequiredService<AdoptionSnapshotTaker>().TakeAsync(CancellationToken.None));
        Assert.Equal(today, await factory.WithDbAsync(db => db.RollupStates.Select(s => s.ComputedOn).SingleAsync()));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Training;

public class InvitationAudienceTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<Audience> ResolveAsync(AudienceChoice choice)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvitationAudience>().ResolveAsync(choice, CancellationToken.None);
    }

    /// <summary>A programme of its own: a wave of four, two of them (one who has left) in its group.</summary>
    private Task<(int WaveId, int GroupId, List<Person> People)> WaveAsync() => factory.WithDbAsync(async db =>
    {
        var people = await db.People.Where(p => p.IsActive).OrderByDescending(p => p.Id).Take(5).ToListAsync();
        var programme = new Programme { Name = "Audience", StartDate = factory.Today, TargetDate = factory.Today.AddMonths(6) };
        var wave = new Wave { Programme = programme, Name = "Audience wave", PlannedStart = factory.Today, PlannedEnd = factory.Today.AddMonths(1) };
        var group = new RolloutGroup { Wave = wave, Name = "Audience group", Size = 10 };
        db.AddRange(programme, wave, group);
        foreach (var person in people.Take(4))
        {
            db.WaveMembers.Add(new WaveMember { Programme = programme, Wave = wave, PersonId = person.Id, RolloutGroup = person == people[0] || person == people[3] ? group : null });
        }
        people[3].IsActive = false;
        await db.SaveChangesAsync();
        return (wave.Id, group.Id, people);
    });

    [Fact]
    public async Task A_group_a_wave_and_typed_addresses_reach_each_active_person_once()
    {
        var (waveId, groupId, people) = await WaveAsync();

        var group = await ResolveAsync(new AudienceChoice(groupId, null, null, null));
        var wave = await ResolveAsync(new AudienceChoice(null, waveId, null, null));
        var together = await ResolveAsync(new AudienceChoice(groupId, waveId, null, $"{people[4].Email};{people[0].Email.ToUpperInvariant()}\n"));

        Assert.Equal([people[0].Id], group.PersonIds);
        Assert.Equal(people.Take(3).Select(p => p.Id).Order(), wave.PersonIds.Order());
        Assert.Equal(people.Take(3).Append(people[4]).Select(p => p.Id).Order(), together.PersonIds.Order());
        Assert.Empty(together.UnknownEmails);
    }

    [Fact]
    public async Task A_unit_reaches_its_active_people_and_those_of_the_units_below_it()
    {
        var (unit, expected, below) = await factory.WithDbAsync(async db =>
        {
            var parent = await db.OrgUnits.Where(u => db.OrgUnits.Any(c => c.ParentId == u.Id && db.People.Any(p => p.UnitId == c.Id)) && u.ParentId != null).OrderBy(u => u.Id).FirstAsync();
            var ids = await db.People.Where(p => p.IsActive && p.Unit.IdPath.StartsWith(parent.IdPath)).Select(p => p.Id).ToListAsync();
            var childPeople = await db.People.Where(p => p.IsActive && p.Unit.ParentId == parent.Id).Select(p => p.Id).ToListAsync();
            return (parent.Id, ids, childPeople);
        });

        var audience = await ResolveAsync(new AudienceChoice(null, null, unit, null));

        Assert.NotEmpty(below);
        Assert.Subset(audience.PersonIds.ToHashSet(), below.ToHashSet());
        Assert.Equal(expected.Order(), audience.PersonIds.Order());
    }

    [Fact]
    public async Task An_address_that_matches_nobody_active_is_named_and_nobody_is_reached()
    {
        var (waveId, _, people) = await WaveAsync();

        var audience = await ResolveAsync(new AudienceChoice(null, waveId, null, $"{people[1].Email}, nobody@example.com {people[3].Email}"));

        Assert.Empty(audience.PersonIds);
        Assert.Equal(["nobody@example.com", people[3].Email], audience.UnknownEmails);
    }

    [Fact]
    public async Task For_a_session_in_one_language_the_wave_reaches_its_speakers_and_counts_the_others_while_typed_addresses_always_count()
    {
        var (waveId, _, people) = await WaveAsync();
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == people[0].Id || p.Id == people[1].Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, Language.Fi)));
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == people[2].Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, Language.En)));

        var finnish = await ResolveAsync(new AudienceChoice(null, waveId, null, null, Language.Fi));
        var typed = await ResolveAsync(new AudienceChoice(null, waveId, null, people[2].Email, Language.Fi));
        var anyLanguage = await ResolveAsync(new AudienceChoice(null, waveId, null, null));

        Assert.Equal(new[] { people[0].Id, people[1].Id }.Order(), finnish.PersonIds.Order());
        Assert.Equal(1, finnish.OtherLanguage);
        Assert.Equal(people.Take(3).Select(p => p.Id).Order(), typed.PersonIds.Order());
        Assert.Equal(0, typed.OtherLanguage);
        Assert.Equal((3, 0), (anyLanguage.PersonIds.Count, anyLanguage.OtherLanguage));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Adoption;

public class AdoptionSnapshotTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_nightly_snapshot_counts_people_per_stage_per_wave_and_replaces_the_days_rows()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var snapshots = scope.ServiceProvider.GetRequiredService<AdoptionSnapshotTaker>();
            await snapshots.TakeAsync(CancellationToken.None);
            await snapshots.TakeAsync(CancellationToken.None);
        }

        var today = factory.Today;
        var rows = await factory.WithDbAsync(db => db.AdoptionSnapshots.Where(s => s.Date == today).ToListAsync());
        var waves = await factory.WithDbAsync(db => db.Waves.Select(w => new { w.Id, w.Name, Members = w.Members.Count }).ToListAsync());
        Assert.Equal(waves.Count + 1, rows.Count);
        var pilot = waves.Single(w => w.Name == "Pilot");
        // The demo pilot: five leads, all trained; each stage counts everyone who got at least that far.
        var pilotRow = rows.Single(r => r.WaveId == pilot.Id);
        Assert.Equal((5, 5, 5), (pilotRow.Members, pilotRow.Invited, pilotRow.Trained));
        Assert.True(pilotRow.Trained >= pilotRow.Drafting && pilotRow.Drafting >= pilotRow.Aligned && pilotRow.Aligned >= pilotRow.Practising);
        var total = rows.Single(r => r.WaveId == null);
        Assert.Equal(waves.Sum(w => w.Members), total.Members);
        Assert.True(total.Trained >= 15, "pilot and wave 1 groups attended OKR basics");
        Assert.True(total.Invited > total.Trained);
    }

    [Fact]
    public async Task A_new_demo_install_has_a_weekly_history_that_climbs_to_where_the_waves_stand_today()
    {
        var today = factory.Today;
        var history = await factory.WithDbAsync(db => db.AdoptionSnapshots.Where(s => s.WaveId == null && s.Date < today).OrderBy(s => s.Date).ToListAsync());

        Assert.True(history.Count >= 8, "the demo programme started months ago");
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.Equal(7, pair.Second.Date.DayNumber - pair.First.Date.DayNumber));
        var trained = history.Select(s => s.Trained).ToList();
        Assert.Equal(trained.Order(), trained);
        Assert.True(trained[^1] > trained[0]);
    }
}

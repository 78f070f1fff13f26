using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Programmes;

/// <summary>Dates stored before the range was enforced (or by hand) must not break the plan's pages for everyone.</summary>
public class StoredDatesOutOfRangeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Stored_wave_ending_9999_does_not_break_the_timeline_or_the_wave_pages()
    {
        var programmeId = await factory.WithDbAsync(db => db.Programmes.Where(p => p.Name == "OKR roll-out 2026").Select(p => p.Id).SingleAsync());
        var waveId = await factory.WithDbAsync(async db =>
        {
            var wave = new Wave
            {
                ProgrammeId = programmeId, Name = "Wave forever", Kind = WaveKind.Wave, Order = 99,
                PlannedStart = factory.Today, PlannedEnd = DateOnly.MaxValue, ActualStart = DateOnly.MinValue,
                MilestoneTargetDate = DateOnly.MaxValue, MilestoneCriterion = MilestoneCriterion.ShareTrained,
            };
            db.Waves.Add(wave);
            await db.SaveChangesAsync();
            return wave.Id;
        });
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var timeline = await member.GetAsync($"/Programmes/Timeline/{programmeId}");
        var newWave = await ambassador.GetAsync($"/Waves/Edit?programmeId={programmeId}");
        var edit = await ambassador.GetAsync($"/Waves/Edit/{waveId}");

        var waves = await factory.WithDbAsync(db => db.Waves.CountAsync(w => w.ProgrammeId == programmeId));
        Assert.Equal(waves, timeline.QuerySelectorAll("svg#timeline g.wave-row").Length);
        Assert.NotNull(timeline.QuerySelector("svg#timeline #today"));
        Assert.InRange(timeline.QuerySelectorAll("svg#timeline g.month").Length, 1, 37);
        Assert.Contains("31/12/9999", timeline.QuerySelector("#timeline-table")!.TextContent);
        Assert.Equal("2100-12-31", newWave.QuerySelector<IHtmlInputElement>("#Input_PlannedStart")!.Value);
        Assert.Equal("9999-12-31", edit.QuerySelector<IHtmlInputElement>("#Input_PlannedEnd")!.Value);
        foreach (var page in new[] { $"/Programmes/Details/{programmeId}", $"/Waves/Details/{waveId}", "/", "/Dashboard", "/Programmes" })
        {
            await ambassador.GetAsync(page);
        }

        // Whoever opens it can put it right: saving it unchanged is refused beside the date, a date in range is saved.
        var refused = await ambassador.SubmitAsync(edit.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal("Enter a date from 01/01/2000 to 31/12/2100.", refused.QuerySelector("[data-valmsg-for='Input.PlannedEnd']")!.TextContent);
        await ambassador.SubmitAsync(refused.QuerySelector<IHtmlFormElement>("main form")!, new()
        {
            ["Input.PlannedEnd"] = "2027-12-31",
            ["Input.ActualStart"] = "",
            ["Input.MilestoneTargetDate"] = "2027-12-31",
        });
        Assert.Equal(new DateOnly(2027, 12, 31), await factory.WithDbAsync(db => db.Waves.Where(w => w.Id == waveId).Select(w => w.PlannedEnd).SingleAsync()));
    }
}

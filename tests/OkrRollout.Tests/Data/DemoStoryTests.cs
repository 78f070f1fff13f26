using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Data;

/// <summary>
/// The demo tells the README's story on whatever date it is loaded: the pilot done, wave 1 under way
/// and on track, one unit lagging, the next sessions ahead on weekdays and none of them tomorrow.
/// </summary>
public class DemoStoryTests
{
    public static TheoryData<string> Dates => new()
    {
        "2026-11-20 10:00", // the day the seed files tell the story for
        "2026-03-15 09:00", // months before it
        "2027-03-28 04:30", // just after the spring change in Helsinki
        "2027-10-31 03:30", // in the hour the autumn change repeats
        "2026-12-31 23:30", // New Year's Eve, UTC still at 21:30
        "2027-01-01 00:30", // the first day of a year and of a period, UTC still in the old year
        "2028-02-29 12:00", // a leap day
        "2027-06-06 23:30", // a Sunday night
        "2027-06-07 00:30", // the Monday after, UTC still on Sunday
        "2030-07-15 08:00", // years later
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task The_demo_tells_the_same_story_on_any_date(string helsinki)
    {
        var now = DateTime.ParseExact(helsinki, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        using var factory = new AppFactory();
        factory.StartClockAt(TestClock.At(DateOnly.FromDateTime(now), TimeOnly.FromDateTime(now)));
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);

        var dashboard = await leader.GetAsync("/Dashboard");

        Assert.Equal("OnPlan", dashboard.QuerySelector("#verdict")!.GetAttribute("data-verdict"));
        var waves = dashboard.QuerySelectorAll("#headline li[data-wave-id]").Select(li => li.TextContent).ToList();
        Assert.Equal(["Pilot: 100% trained, milestone: Met.", "Wave 1: team leads: 92% trained, milestone: On track."], waves);
        Assert.StartsWith("Lagging most: Aurora Telematics/", dashboard.QuerySelector("#lagging-most")!.TextContent);
        var funnel = dashboard.QuerySelectorAll("#funnel-table tbody tr").Select(tr => (tr.GetAttribute("data-stage"), int.Parse(tr.QuerySelectorAll("td")[1].TextContent))).ToList();
        Assert.Equal(StoryFunnel, funnel);

        var upcoming = (await leader.GetAsync("/Training")).QuerySelectorAll("#sessions tbody tr").ToList();
        Assert.Equal(["Key result workshop (en)", "Key result workshop (fi)", "Check-in practice (en)", "Icebreaker: why OKRs (fi)"],
            upcoming.Select(tr => $"{tr.QuerySelectorAll("td")[1].TextContent.Trim()} ({tr.QuerySelectorAll("td")[2].TextContent.Trim()})"));
        var starts = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.TrainingSessions.Select(s => s.StartUtc)));
        Assert.All(starts, start => Assert.DoesNotContain(TimeZoneInfo.ConvertTimeFromUtc(start, TestClock.Helsinki).DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<SessionFollowUps>().QueueRemindersAsync(CancellationToken.None));
    }

    private static readonly List<(string?, int)> StoryFunnel =
    [
        (nameof(OnboardingStage.NotStarted), 130),
        (nameof(OnboardingStage.Invited), 1),
        (nameof(OnboardingStage.Trained), 11),
        (nameof(OnboardingStage.Drafting), 1),
        (nameof(OnboardingStage.Aligned), 0),
        (nameof(OnboardingStage.Practising), 4),
    ];
}

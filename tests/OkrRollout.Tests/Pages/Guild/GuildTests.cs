using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Pages.Guild;

public class GuildTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Anyone_signed_in_joins_and_leaves_the_guild_themselves()
    {
        using var leader = await PageSession.SignInAsync(factory, DemoUsers.Leader);
        var page = await leader.GetAsync("/Guild");
        Assert.DoesNotContain("Robert Meyer", page.QuerySelector("#guild-members")!.TextContent);
        Assert.Null(page.QuerySelector("#leave-form"));

        var joined = await leader.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#join-form")!, new() { ["HelpsWith"] = "Aligning sales objectives to company ones" });

        Assert.Equal("Welcome to the OKR guild.", joined.QuerySelector(".status")!.TextContent);
        var row = joined.QuerySelectorAll("#guild-members tbody tr").Single(r => r.TextContent.Contains("Robert Meyer"));
        Assert.Contains("Aligning sales objectives", row.TextContent);

        var left = await leader.SubmitAsync(joined.QuerySelector<IHtmlFormElement>("#leave-form")!);
        Assert.Equal("You left the OKR guild.", left.QuerySelector(".status")!.TextContent);
        Assert.DoesNotContain("Robert Meyer", left.QuerySelector("#guild-members")!.TextContent);
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action.StartsWith("guild.") && a.Actor == DemoUsers.Leader)));
    }
}

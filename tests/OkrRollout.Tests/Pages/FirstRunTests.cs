using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Pages;

/// <summary>A production install on its first day: an admin and nothing else yet.</summary>
public class FirstRunTests(FirstRunTests.Factory factory) : IClassFixture<FirstRunTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory()
        {
            Settings["Seed:Demo"] = "false";
        }
    }

    private static readonly SemaphoreSlim SetUp = new(1, 1);

    private async Task<PageSession> FirstAdminAsync()
    {
        await SetUp.WaitAsync();
        try
        {
            using var session = new PageSession(factory.CreateClient());
            using var answer = await session.Client.GetAsync("/Account/Setup");
            if (answer.StatusCode == System.Net.HttpStatusCode.OK)
            {
                var setup = await session.GetAsync("/Account/Setup");
                await session.SubmitAsync(setup.QuerySelector<IHtmlFormElement>("main form")!, new()
                {
                    ["Input.Email"] = "first.admin@example.com", ["Input.Password"] = "Correct-Horse-42", ["Input.ConfirmPassword"] = "Correct-Horse-42",
                });
            }
        }
        finally
        {
            SetUp.Release();
        }
        return await PageSession.SignInAsync(factory, "first.admin@example.com", "Correct-Horse-42");
    }

    [Fact]
    public async Task The_dashboard_says_there_is_no_programme_yet()
    {
        using var admin = await FirstAdminAsync();

        var dashboard = await admin.GetAsync("/Dashboard");

        Assert.Equal("No roll-out programme yet.", dashboard.QuerySelector("main p.empty")!.TextContent);
    }

    [Theory]
    [InlineData("/Dashboard")]
    [InlineData("/Okr/Periods")]
    [InlineData("/People")]
    [InlineData("/Units")]
    public async Task A_page_holds_no_inline_style_the_policy_would_refuse(string path)
    {
        using var admin = await FirstAdminAsync();

        var page = await admin.GetAsync(path);

        Assert.Empty(page.QuerySelectorAll("[style]").Select(e => e.OuterHtml));
    }

    [Fact]
    public async Task Home_shows_the_steps_of_a_new_install_and_ticks_each_one_done()
    {
        using var admin = await FirstAdminAsync();

        var home = await admin.GetAsync("/");

        Assert.Null(home.QuerySelector("main p.muted"));
        Assert.Equal(["step-people", "step-programme", "step-waves", "step-sessions", "step-invitations"], home.QuerySelectorAll("#first-run li").Select(li => li.Id));
        Assert.Equal("/People/Import", home.QuerySelector<IHtmlAnchorElement>("#step-people a")!.PathName);
        Assert.DoesNotContain(home.QuerySelectorAll("#first-run li"), li => li.ClassList.Contains("done") && li.Id != "step-people");
        Assert.Equal("Nothing is waiting for you.", home.QuerySelector("#agenda-clear")!.TextContent);

        await factory.WithDbAsync(async db =>
        {
            if (!await db.People.AnyAsync())
            {
                var unit = new OkrRollout.Web.Domain.OrgUnit { Name = "Kaleva" };
                db.OrgUnits.Add(unit);
                await db.SaveChangesAsync();
                unit.PlaceUnder(null);
                db.People.Add(new OkrRollout.Web.Domain.Person { Name = "Aino Ensimmäinen", Email = "aino.ensimmainen@kaleva.example", UnitId = unit.Id });
                await db.SaveChangesAsync();
            }
        });
        var withPeople = await admin.GetAsync("/");
        Assert.Contains("done", withPeople.QuerySelector("#step-people")!.ClassName);
        Assert.DoesNotContain("done", withPeople.QuerySelector("#step-programme")!.ClassName ?? "");
    }
}

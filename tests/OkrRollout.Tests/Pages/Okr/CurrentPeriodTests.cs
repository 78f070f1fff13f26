namespace OkrRollout.Tests.Pages.Okr;

/// <summary>The current period turns over at midnight in Helsinki, not at midnight UTC.</summary>
public class CurrentPeriodTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<string> HeadingAsync()
    {
        // Signed in afresh each time: a sign-in lasts 12 hours of the app's clock.
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        return (await member.GetAsync("/Okr")).QuerySelector("h1")!.TextContent.Trim();
    }

    [Fact]
    public async Task The_register_opens_on_the_period_of_the_organisations_date()
    {
        Assert.Equal("OKRs · Sep–Dec 2026", await HeadingAsync());

        factory.Clock.SetUtcNow(TestClock.At(new(2026, 12, 31), new(23, 30)));
        Assert.Equal("OKRs · Sep–Dec 2026", await HeadingAsync());

        // 00:30 on New Year's Day in Helsinki is still 31 December in UTC.
        factory.Clock.SetUtcNow(TestClock.At(new(2027, 1, 1), new(0, 30)));
        Assert.Equal("OKRs · Jan–Apr 2027", await HeadingAsync());
    }
}

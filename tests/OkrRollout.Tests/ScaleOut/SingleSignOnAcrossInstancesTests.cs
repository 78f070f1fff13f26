namespace OkrRollout.Tests.ScaleOut;

/// <summary>Single sign-on behind a load balancer: the sign-in starts on one instance and the provider's answer reaches another.</summary>
public class SingleSignOnAcrossInstancesTests
{
    [Fact]
    public async Task Sso_a_sign_in_started_on_one_instance_completes_on_the_other_and_holds_on_both()
    {
        using var provider = new OidcProvider();
        using var instances = new TwoInstances(app => SsoAppFactory.Configure(app, provider));
        using var person = new ProviderSignIn(instances.First, callbackApp: instances.Second);

        var home = await person.SignInAsync("emma", returnUrl: "/Okr/Mine");

        Assert.Equal("/Okr/Mine", person.LastAppAddress!.AbsolutePath);
        Assert.Equal("emma.laine@aurora-telematics.example", home.QuerySelector(".whoami")!.TextContent);
        // The sign-in cookie the second instance made is read by the first.
        var again = await person.GetAppPageAsync("/Outbox");
        Assert.Equal("/Outbox", person.LastAppAddress!.AbsolutePath);
        Assert.Equal("emma.laine@aurora-telematics.example", again.QuerySelector(".whoami")!.TextContent);
    }
}

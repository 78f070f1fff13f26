using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace OkrRollout.Tests.Security;

/// <summary>Two app instances on one database, as behind a load balancer: what one makes, the other accepts.</summary>
public sealed class SeveralInstancesTests : IDisposable
{
    private readonly TwoInstances _instances = new();

    [Fact]
    public async Task A_sign_in_and_a_form_made_by_one_instance_are_accepted_by_the_other()
    {
        var cookies = new CookieContainer();
        HttpClient ClientOf(AppFactory instance) => instance.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(cookies));
        using var onFirst = new PageSession(ClientOf(_instances.First));
        var signIn = await onFirst.GetAsync("/Account/SignIn");
        await onFirst.SubmitAsync(signIn.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = DemoUsers.Leader, ["Input.Password"] = DemoUsers.Password });
        var formFromFirst = (await onFirst.GetAsync("/Dashboard")).QuerySelector<IHtmlFormElement>("form.language-switcher")!;

        using var onSecond = new PageSession(ClientOf(_instances.Second));
        var dashboard = await onSecond.GetAsync("/Dashboard");
        Assert.Equal(DemoUsers.Leader, dashboard.QuerySelector(".whoami")!.TextContent);

        // The antiforgery token in the first instance's form passes the second's check.
        var finnish = await onSecond.SubmitAsync(formFromFirst, submitterSelector: "button[value=fi]");
        Assert.Equal("fi", finnish.DocumentElement.GetAttribute("lang"));
        Assert.Single(await _instances.Second.WithDbAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    public void Dispose()
    {
        _instances.Dispose();
    }
}

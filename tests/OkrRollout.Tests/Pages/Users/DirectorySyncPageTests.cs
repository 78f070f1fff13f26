using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Tests.Scim;

namespace OkrRollout.Tests.Pages.Users;

public class DirectorySyncPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_admin_makes_a_token_sees_it_once_sees_when_it_was_used_and_revokes_it()
    {
        using var admin = await PageSession.SignInAsync(factory, DemoUsers.Admin);
        var users = await admin.GetAsync("/Users");
        var page = await admin.GetAsync(users.QuerySelector<IHtmlAnchorElement>("#directory-sync-link")!.PathName);
        // The test install's public base URL is still the default (localhost:5080): the page gives the address it was opened at.
        Assert.Contains("http://localhost/scim/v2", page.QuerySelector("main")!.TextContent);

        var empty = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#token-form")!, new() { ["Name"] = " " });
        Assert.Equal("Give the token a name.", empty.QuerySelector("#Name-error, [data-valmsg-for=Name]")!.TextContent.Trim());

        var made = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#token-form")!, new() { ["Name"] = "Entra ID provisioning" });
        var token = made.QuerySelector("#new-token-value")!.TextContent;
        Assert.StartsWith("okrscim_", token);
        // Shown after a redirect: reloading shows it no more and makes no second token.
        Assert.DoesNotContain(token, (await admin.GetAsync("/Users/DirectorySync")).DocumentElement.OuterHtml);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ScimTokens.CountAsync(t => t.Name == "Entra ID provisioning")));
        Assert.False(await factory.WithDbAsync(db => db.ScimTokens.AnyAsync(t => t.TokenHash == token)), "the token itself was stored");

        using var provider = ScimClient.WithToken(factory, token);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync("/scim/v2/Users?count=1")).Status);
        var listed = await admin.GetAsync("/Users/DirectorySync");
        var row = listed.QuerySelectorAll("#tokens tr[data-token]").Single(r => r.TextContent.Contains("Entra ID provisioning"));
        Assert.DoesNotContain("never", row.QuerySelectorAll("td")[2].TextContent);

        var revoked = await admin.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form")!);
        Assert.Contains("The token was revoked", revoked.QuerySelector(".status")!.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await provider.GetAsync("/scim/v2/Users?count=1")).Status);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "scim.token-revoked")));
    }

    [Fact]
    public async Task Only_admins_reach_directory_sync()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        using var response = await ambassador.Client.GetAsync("/Users/DirectorySync");

        Assert.Equal("/Account/AccessDenied", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Pages.Outbox;

public class PreviewMaskingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_ambassador_previewing_someone_elses_sign_in_link_cannot_use_it_and_its_owner_still_can()
    {
        using (var anyone = new PageSession(factory.CreateClient()))
        {
            var signIn = await anyone.GetAsync("/Account/SignIn");
            await anyone.SubmitAsync(signIn.QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = DemoUsers.Admin });
        }
        var message = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == DemoUsers.Admin && m.Template == nameof(EmailTemplate.SignInLink)));
        var link = Regex.Match(factory.AsSent(message.TextBody), @"/Account/Link/[A-Za-z0-9_-]+").Value;
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var preview = await ambassador.GetAsync($"/Outbox?preview={message.Id}");

        var text = preview.QuerySelector("#preview pre")!.TextContent;
        var html = await ambassador.Client.GetStringAsync(preview.QuerySelector<IHtmlInlineFrameElement>("#preview iframe")!.Source);
        Assert.Contains("/Account/Link/…", text);
        Assert.DoesNotContain(link, text);
        Assert.Contains("/Account/Link/…", html);
        Assert.DoesNotContain(link, html);
        using var owner = new PageSession(factory.CreateClient());
        var landing = await owner.GetAsync(link);
        Assert.Equal(DemoUsers.Admin, (await owner.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!)).QuerySelector(".whoami")!.TextContent);
    }

    [Theory]
    [InlineData("Open https://okr.example.com/Account/Link/abc_DEF-123 now", "Open https://okr.example.com/Account/Link/… now")]
    [InlineData("<a href=\"https://x/Account/ResetPassword?email=a%40b&amp;token=CfDJ8%2B\">", "<a href=\"https://x/Account/ResetPassword?…\">")]
    [InlineData("Reply: http://localhost:5080/Training/Respond/Zz9", "Reply: http://localhost:5080/Training/Respond/…")]
    [InlineData("Tell us: http://localhost:5080/Training/Feedback/Aa1-_", "Tell us: http://localhost:5080/Training/Feedback/…")]
    [InlineData("See http://localhost:5080/Okr/Teams/12", "See http://localhost:5080/Okr/Teams/12")]
    public void Personal_links_are_masked_and_other_links_kept(string body, string masked) =>
        Assert.Equal(masked, PersonalLinks.Mask(body));
}

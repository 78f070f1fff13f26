using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OkrRollout.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ContentSecurityPolicyJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Under_the_strict_policy_the_browser_blocks_nothing_while_the_dashboard_okr_tree_and_forms_keep_working()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // The app has no icon; the browser asks for one anyway.
            if ((message.Type == "error" && !message.Location.EndsWith("/favicon.ico:0:0", StringComparison.Ordinal))
                || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{message.Type}: {message.Text} {message.Location}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        // Chromium reports a blocked inline handler or style in the console; this also names what was blocked.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))");

        // Someone asks for a sign-in link, so the outbox holds an e-mail to preview.
        await page.GotoAsync("/Account/SignIn");
        await page.FillAsync("#email-link-form-email", DemoUsers.Member);
        await page.ClickAsync("#email-link-form button[type=submit]");
        await Assertions.Expect(page.Locator("#link-answer")).ToBeVisibleAsync();
        await browser.SignInAsync(page, DemoUsers.Ambassador);

        var dashboard = await page.GotoAsync("/Dashboard");
        Assert.Contains("script-src 'self'", await dashboard!.HeaderValueAsync("content-security-policy"));
        await Assertions.Expect(page.Locator("#funnel")).ToBeVisibleAsync();

        // A branch of the tree opens in place, and its button says so.
        await page.GotoAsync("/Okr");
        var toggle = page.Locator("button.toggle").First;
        var children = page.Locator("#" + await toggle.GetAttributeAsync("aria-controls") + " > li");
        await Assertions.Expect(children).ToHaveCountAsync(0);
        await toggle.ClickAsync();
        await Assertions.Expect(children.First).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(toggle).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("meter.progress-bar").First).ToBeVisibleAsync();

        // Choosing another period shows it straight away (the Show button is for browsers without scripts).
        var other = await page.Locator("#periodId option:not([selected])").First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#periodId", other!);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Okr\\?periodId={other}$"));
        await Assertions.Expect(page.Locator("#periodId")).ToHaveValueAsync(other!);

        // The people filter narrows the list as one types.
        await page.GotoAsync("/People");
        var name = await page.Locator("#people-table tbody tr td").First.InnerTextAsync();
        await page.FillAsync("#q", name);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]q="));
        await Assertions.Expect(page.Locator("#people-table tbody tr").First).ToContainTextAsync(name);

        // The e-mail preview shows the message with its own inline styles.
        var message = await browser.App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail == DemoUsers.Member).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync());
        await page.GotoAsync($"/Outbox?preview={message}");
        var button = page.FrameLocator("#preview iframe").Locator("a").First;
        await Assertions.Expect(button).ToHaveCSSAsync("background-color", "rgb(11, 92, 173)");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

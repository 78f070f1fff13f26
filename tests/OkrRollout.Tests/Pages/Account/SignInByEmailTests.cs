using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Pages.Account;

/// <summary>Three requests per address, many per client: the per-client limit has its own unit test.</summary>
public sealed class SignInByEmailFactory : AppFactory
{
    public SignInByEmailFactory()
    {
        Settings["Account:RequestsPerAddress"] = "3";
        Settings["Account:RequestsPerClient"] = "1000";
    }
}

public partial class SignInByEmailTests(SignInByEmailFactory factory) : IClassFixture<SignInByEmailFactory>
{
    [GeneratedRegex(@"http://localhost:5080(/Account/[A-Za-z]+[/?][^\s""<]+)")]
    private static partial Regex LinkPattern();

    private Task<(int Id, string Email, string Name)> PersonWithoutSignInAsync(Language language, int skip) => factory.WithDbAsync(async db =>
    {
        var person = await db.People.Where(p => p.IsActive && p.PreferredLanguage == language && !db.Users.Any(u => u.Email == p.Email) && !db.ProgrammeRoles.Any(r => r.PersonId == p.Id))
            .OrderBy(p => p.Id).Skip(skip).Select(p => new { p.Id, p.Email, p.Name }).FirstAsync();
        return (person.Id, person.Email, person.Name);
    });

    /// <summary>The messages to the address, their text as the dispatcher sends it.</summary>
    private async Task<List<OutboxMessage>> MessagesToAsync(string email)
    {
        var messages = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail == email).OrderBy(m => m.Id).ToListAsync());
        messages.ForEach(m => m.TextBody = factory.AsSent(m.TextBody));
        return messages;
    }

    private static async Task<IHtmlDocument> AskForLinkAsync(PageSession session, string email)
    {
        var signIn = await session.GetAsync("/Account/SignIn");
        return await session.SubmitAsync(signIn.QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = email });
    }

    private static string Answer(IHtmlDocument page, string email) => page.QuerySelector("#link-answer")!.TextContent.Replace(email, "<address>");

    [Fact]
    public async Task A_person_without_a_password_gets_a_link_by_email_in_their_language_that_works_once()
    {
        var (_, email, name) = await PersonWithoutSignInAsync(Language.Fi, 0);
        using var session = new PageSession(factory.CreateClient());

        var answer = await AskForLinkAsync(session, email);

        Assert.Equal("If <address> belongs to someone in the directory, a sign-in link is on its way to it. The link works once, within 20 minutes.", Answer(answer, email));
        var message = Assert.Single(await MessagesToAsync(email));
        Assert.Equal((nameof(EmailTemplate.SignInLink), "Aurora Telematics: kirjautumislinkkisi"), (message.Template, message.Subject));
        Assert.Contains($"Hei {name},", message.TextBody);
        Assert.Contains("20 minuutin", message.TextBody);
        var link = LinkPattern().Match(message.TextBody).Groups[1].Value;
        var landing = await session.GetAsync(link);
        var home = await session.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal(email, home.QuerySelector(".whoami")!.TextContent);

        using var again = new PageSession(factory.CreateClient());
        var spent = await again.GetAsync(link);
        Assert.NotNull(spent.QuerySelector("#link-spent"));
        Assert.NotNull(spent.QuerySelector("#email-link-form"));
    }

    [Fact]
    public async Task The_emailed_link_takes_the_person_to_the_page_they_were_going_to_and_nowhere_else()
    {
        var (_, email, _) = await PersonWithoutSignInAsync(Language.En, 6);
        using var session = new PageSession(factory.CreateClient());
        var signIn = await session.GetAsync("/Okr");
        Assert.Equal("/Account/SignIn", new Uri(signIn.Url).AbsolutePath);

        await session.SubmitAsync(signIn.QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = email });

        var link = LinkPattern().Match(Assert.Single(await MessagesToAsync(email)).TextBody).Groups[1].Value;
        Assert.EndsWith("?returnUrl=%2FOkr", link);
        var landing = await session.GetAsync(link);
        var okr = await session.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal("/Okr", new Uri(okr.Url).AbsolutePath);

        using var tampered = new PageSession(factory.CreateClient());
        var spent = await tampered.GetAsync("/Account/SignIn?ReturnUrl=%2F%2Fevil.example%2F");
        await tampered.SubmitAsync(spent.QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = email });
        var second = LinkPattern().Match((await MessagesToAsync(email))[1].TextBody).Groups[1].Value;
        Assert.DoesNotContain("evil", second);
        var home = await tampered.SubmitAsync((await tampered.GetAsync(second + "?returnUrl=%2F%5Cevil.example")).QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal("http://localhost/", home.Url);
    }

    [Fact]
    public async Task An_unknown_or_deactivated_address_gets_the_same_answer_and_nothing_is_sent()
    {
        var (leaverId, leaver, _) = await PersonWithoutSignInAsync(Language.En, 1);
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == leaverId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false)));
        var (_, known, _) = await PersonWithoutSignInAsync(Language.En, 2);
        using var session = new PageSession(factory.CreateClient());

        var answers = new List<string>();
        foreach (var email in new[] { known, "nobody.here@aurora-telematics.example", leaver })
        {
            answers.Add(Answer(await AskForLinkAsync(session, email), email));
        }

        Assert.Single(answers.Distinct());
        Assert.Single(await MessagesToAsync(known));

        var resetAnswers = new List<string>();
        foreach (var email in new[] { DemoUsers.Member, known, "nobody.here@aurora-telematics.example", leaver })
        {
            var forgot = await session.GetAsync("/Account/ForgotPassword");
            var page = await session.SubmitAsync(forgot.QuerySelector<IHtmlFormElement>("#forgot-form")!, new() { ["Email"] = email });
            resetAnswers.Add(page.QuerySelector("#reset-answer")!.TextContent.Replace(email, "<address>"));
        }
        Assert.Single(resetAnswers.Distinct());
        Assert.Contains(await MessagesToAsync(DemoUsers.Member), m => m.Template == nameof(EmailTemplate.PasswordReset));
        Assert.Equal(2, (await MessagesToAsync(known)).Count);
        Assert.Empty(await MessagesToAsync("nobody.here@aurora-telematics.example"));
        Assert.Empty(await MessagesToAsync(leaver));
    }

    [Fact]
    public async Task Too_many_requests_for_one_address_get_the_same_answer_and_send_nothing_more()
    {
        var (_, email, _) = await PersonWithoutSignInAsync(Language.En, 3);
        using var session = new PageSession(factory.CreateClient());

        var answers = new List<string>();
        for (var request = 0; request < 5; request++)
        {
            answers.Add(Answer(await AskForLinkAsync(session, email), email));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(3, (await MessagesToAsync(email)).Count);
    }

    [Fact]
    public async Task A_link_asked_for_expires_in_minutes_and_the_spent_page_offers_a_new_one()
    {
        var (_, email, _) = await PersonWithoutSignInAsync(Language.En, 4);
        using var session = new PageSession(factory.CreateClient());
        await AskForLinkAsync(session, email);
        var link = LinkPattern().Match(Assert.Single(await MessagesToAsync(email)).TextBody).Groups[1].Value;

        factory.Clock.Advance(TimeSpan.FromMinutes(21));

        var expired = await session.GetAsync(link);
        Assert.Equal("This sign-in link no longer works", expired.QuerySelector("h1")!.TextContent);
        var answer = await session.SubmitAsync(expired.QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = email });
        Assert.NotNull(answer.QuerySelector("#link-answer"));
        Assert.Equal(2, (await MessagesToAsync(email)).Count);
    }

    [Fact]
    public async Task A_password_user_resets_the_password_by_email_once()
    {
        var email = DemoUsers.Leader;
        using var session = new PageSession(factory.CreateClient());
        var forgot = await session.GetAsync("/Account/ForgotPassword");

        var answer = await session.SubmitAsync(forgot.QuerySelector<IHtmlFormElement>("#forgot-form")!, new() { ["Email"] = email });

        Assert.NotNull(answer.QuerySelector("#reset-answer"));
        var message = (await MessagesToAsync(email)).Single(m => m.Template == nameof(EmailTemplate.PasswordReset));
        var link = WebUtility.HtmlDecode(LinkPattern().Match(message.TextBody).Groups[1].Value);
        var reset = await session.GetAsync(link);
        var tooShort = await session.SubmitAsync(reset.QuerySelector<IHtmlFormElement>("#reset-form")!, new() { ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short" });
        Assert.Equal("The password must be at least 10 characters long.", tooShort.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent);
        var home = await session.SubmitAsync(tooShort.QuerySelector<IHtmlFormElement>("#reset-form")!, new() { ["Input.Password"] = "A-new-one-2026", ["Input.ConfirmPassword"] = "A-new-one-2026" });
        Assert.Equal(email, home.QuerySelector(".whoami")!.TextContent);

        using (var withNew = await PageSession.SignInAsync(factory, email, "A-new-one-2026"))
        {
        }
        using var stranger = new PageSession(factory.CreateClient());
        Assert.NotNull((await stranger.GetAsync(link)).QuerySelector("#link-spent"));
        var old = await stranger.GetAsync("/Account/SignIn");
        var refused = await stranger.SubmitAsync(old.QuerySelector<IHtmlFormElement>("main form")!, new() { ["Input.Email"] = email, ["Input.Password"] = DemoUsers.Password });
        Assert.Contains("The e-mail address or password is wrong.", refused.QuerySelector(".validation-summary")!.TextContent);
    }

    [Fact]
    public async Task A_person_who_signs_in_by_link_sets_a_password_on_their_own_page()
    {
        var (_, email, _) = await PersonWithoutSignInAsync(Language.En, 5);
        using var session = new PageSession(factory.CreateClient());
        await AskForLinkAsync(session, email);
        var link = LinkPattern().Match(Assert.Single(await MessagesToAsync(email)).TextBody).Groups[1].Value;
        var landing = await session.GetAsync(link);
        await session.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!);

        var account = await session.GetAsync("/Account");
        Assert.Equal("Member", account.QuerySelector("#my-roles")!.TextContent);
        Assert.Equal("Set a password", account.QuerySelector("main h2")!.TextContent);
        var saved = await session.SubmitAsync(account.QuerySelector<IHtmlFormElement>("#password-form")!, new() { ["Input.Password"] = "My-own-password-1", ["Input.ConfirmPassword"] = "My-own-password-1" });

        Assert.Contains("Your password is saved.", saved.QuerySelector(".status")!.TextContent);
        Assert.Equal(email, saved.QuerySelector(".whoami")!.TextContent);
        using var withPassword = await PageSession.SignInAsync(factory, email, "My-own-password-1");
        Assert.Equal("Change your password", (await withPassword.GetAsync("/Account")).QuerySelector("main h2")!.TextContent);
    }
}

/// <summary>An organisation that signs in by link only.</summary>
public sealed class NoPasswordsFactory : AppFactory
{
    public NoPasswordsFactory()
    {
        Settings["Account:AllowPasswords"] = "false";
    }
}

public class NoPasswordsTests(NoPasswordsFactory factory) : IClassFixture<NoPasswordsFactory>
{
    [Fact]
    public async Task Where_passwords_are_not_allowed_a_link_user_is_offered_none()
    {
        var email = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive && !db.Users.Any(u => u.Email == p.Email)).Select(p => p.Email).FirstAsync());
        await factory.WithDbAsync(async db =>
        {
            var id = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
            db.SignInLinks.Add(new SignInLink { TokenHash = OkrRollout.Web.Security.SignInLinks.Hash("test-token-no-passwords"), PersonId = id, CreatedAtUtc = factory.NowUtc, ExpiresAtUtc = factory.NowUtc.AddHours(1) });
            await db.SaveChangesAsync();
        });
        using var session = new PageSession(factory.CreateClient());
        var landing = await session.GetAsync("/Account/Link/test-token-no-passwords");
        await session.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!);

        var account = await session.GetAsync("/Account");

        Assert.Null(account.QuerySelector("#password-form"));
        var token = PageSession.HtmxAntiforgeryToken(account);
        using var post = await session.Client.PostAsync("/Account?handler=Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = "Sneaky-password-1", ["Input.ConfirmPassword"] = "Sneaky-password-1", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }
}

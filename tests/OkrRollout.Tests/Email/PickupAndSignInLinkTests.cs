using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;

namespace OkrRollout.Tests.Email;

/// <summary>The zero-configuration pickup folder, and the personal sign-in link the invitation carries.</summary>
public partial class PickupAndSignInLinkTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex(@"/Account/Link/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();

    private async Task<(string Eml, string Email)> InviteGroupBAndReadOneAsync()
    {
        var (waveId, email) = await factory.WithDbAsync(async db =>
        {
            var member = await db.WaveMembers.Where(m => m.RolloutGroup!.Name == "Rollout group B").OrderBy(m => m.PersonId).Select(m => new { m.WaveId, m.Person.Email }).FirstAsync();
            return (member.WaveId, member.Email);
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");
        await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#invite-form")!);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            while ((await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None)).Sent > 0)
            {
            }
        }
        var eml = Directory.EnumerateFiles(factory.PickupDirectory, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(email));
        return (eml, email);
    }

    [Fact]
    public async Task The_pickup_folder_gets_complete_eml_files_and_the_link_signs_the_person_in_once()
    {
        var (eml, email) = await InviteGroupBAndReadOneAsync();

        Assert.Matches("(?m)^From: \"?OkrRollout\"? <okr-rollout@localhost>", eml);
        Assert.Matches("(?m)^To: .*" + Regex.Escape(email), eml);
        Assert.Matches("(?m)^Subject: .+", eml);
        Assert.Contains("multipart/alternative", eml);
        Assert.Contains("<a href=", Mime.BodyOf(eml, "text/html"));
        var link = LinkPattern().Match(Mime.BodyOf(eml, "text/plain")).Value;
        Assert.NotEmpty(link);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)), "no sign-in exists before the link is used");

        using var person = new PageSession(factory.CreateClient());
        var landing = await person.GetAsync(link);
        Assert.NotNull(landing.QuerySelector("#use-link"));
        var home = await person.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!);
        Assert.Equal(email, home.QuerySelector(".whoami")!.TextContent);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([Roles.Member], await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
        }

        using var again = new PageSession(factory.CreateClient());
        var spent = await again.GetAsync(link);
        Assert.NotNull(spent.QuerySelector("#link-spent"));
    }

    [Fact]
    public async Task The_pickup_folder_writes_a_message_to_an_address_with_umlauts_in_UTF8()
    {
        await factory.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAtUtc = factory.NowUtc, NextAttemptAtUtc = factory.NowUtc, RecipientEmail = "jörg.weiß@müller-gmbh.example", RecipientName = "Jörg Weiß",
                Language = Language.En, Template = "Test", Subject = "Grüße", TextBody = "Hallo Jörg", HtmlBody = "<p>Hallo Jörg</p>",
            });
            await db.SaveChangesAsync();
        });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        }

        var eml = Directory.EnumerateFiles(factory.PickupDirectory, "*.eml").Select(f => File.ReadAllText(f, System.Text.Encoding.UTF8)).Single(m => m.Contains("Grüße") || m.Contains("Gr=C3=BC"));
        Assert.Matches("(?m)^To: .*<jörg.weiß@müller-gmbh.example>", eml);
        var parsed = Mime.Parse(eml);
        Assert.Equal(("jörg.weiß@müller-gmbh.example", "Jörg Weiß", "Grüße"), (parsed.To.Mailboxes.Single().Address, parsed.To.Mailboxes.Single().Name, parsed.Subject));
        Assert.Equal("Hallo Jörg", Mime.BodyOf(eml, "text/plain").Trim());
        Assert.Empty(Directory.EnumerateFiles(factory.PickupDirectory, "*.tmp"));
    }

    [Fact]
    public async Task An_expired_or_unknown_link_does_not_sign_in()
    {
        var personId = await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Member).Select(p => p.Id).SingleAsync());
        var token = SignInLinks.NewToken();
        await factory.WithDbAsync(async db =>
        {
            db.SignInLinks.Add(new SignInLink { TokenHash = SignInLinks.Hash(token), PersonId = personId, CreatedAtUtc = factory.NowUtc.AddDays(-20), ExpiresAtUtc = factory.NowUtc.AddDays(-6) });
            await db.SaveChangesAsync();
        });
        using var session = new PageSession(factory.CreateClient());

        foreach (var link in new[] { $"/Account/Link/{token}", "/Account/Link/not-a-real-token" })
        {
            var page = await session.GetAsync(link);
            Assert.NotNull(page.QuerySelector("#link-spent"));
        }
        var token2 = PageSession.HtmxAntiforgeryToken(await session.GetAsync($"/Account/Link/{token}"));
        using var post = await session.HtmxPostAsync($"/Account/Link/{token}", [], token2);
        Assert.Null(PageSession.Parse(await post.Content.ReadAsStringAsync()).QuerySelector(".whoami"));
    }
}

/// <summary>The scheduler really runs the dispatch job on its own.</summary>
public sealed class ScheduledAppFactory : AppFactory
{
    public ScheduledAppFactory()
    {
        Settings["Jobs:Enabled"] = "true";
        Settings["Jobs:OutboxDispatchSeconds"] = "1";
    }
}

public class OutboxJobTests(ScheduledAppFactory factory) : IClassFixture<ScheduledAppFactory>
{
    [Fact]
    public async Task The_dispatch_job_sends_a_queued_message_without_being_asked()
    {
        await factory.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAtUtc = factory.NowUtc,
                NextAttemptAtUtc = factory.NowUtc,
                RecipientEmail = "scheduled@example.com",
                Language = Language.Fi,
                Template = "Test",
                Subject = "Ajastettu",
                TextBody = "Teksti",
                HtmlBody = "<p>Teksti</p>",
            });
            await db.SaveChangesAsync();
        });

        for (var waited = 0; waited < 200 && await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientEmail == "scheduled@example.com" && m.Status != OutboxStatus.Sent)); waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(OutboxStatus.Sent, await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail == "scheduled@example.com").Select(m => m.Status).SingleAsync()));
        Assert.Single(Directory.EnumerateFiles(factory.PickupDirectory, "*.eml"), f => File.ReadAllText(f).Contains("scheduled@example.com"));
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;

namespace OkrRollout.Tests.Email;

/// <summary>What reading the outbox table gives away: no personal link that works. The e-mail sent still has one.</summary>
public static partial class StoredOutbox
{
    [GeneratedRegex(@"/Account/Link/([^\s""'<>?]+)")]
    private static partial Regex SignInLink();

    [GeneratedRegex(@"[A-Za-z0-9_-]{20,}")]
    private static partial Regex TokenLike();

    /// <summary>Every text the outbox table holds, column by column, read as a query or a backup would.</summary>
    public static Task<List<string>> TextsAsync(AppFactory factory) => factory.WithDbAsync(async db =>
        (await db.OutboxMessages.AsNoTracking().ToListAsync())
            .SelectMany(m => new[] { m.Subject, m.TextBody, m.HtmlBody, m.Calendar, m.LastError, m.DeduplicationKey })
            .OfType<string>().ToList());

    /// <summary>
    /// No string of the outbox opens /Account/Link/…, and no token-like string in it is one of the
    /// tokens whose hashes the sign-in links and the training invitations keep.
    /// </summary>
    public static async Task AssertHoldsNoWorkingTokenAsync(AppFactory factory)
    {
        var texts = await TextsAsync(factory);
        var hashes = await factory.WithDbAsync(async db =>
            (await db.SignInLinks.Select(l => l.TokenHash).ToListAsync()).Concat(await db.Enrollments.Select(e => e.ResponseTokenHash).ToListAsync()).ToHashSet());
        var candidates = texts.SelectMany(t => TokenLike().Matches(t).Select(m => m.Value)).Distinct().ToList();
        Assert.NotEmpty(candidates);
        Assert.DoesNotContain(candidates, c => hashes.Contains(SignInLinks.Hash(c)));

        using var anyone = new PageSession(factory.CreateClient());
        foreach (var token in texts.SelectMany(t => SignInLink().Matches(t).Select(m => m.Groups[1].Value)).Distinct())
        {
            var landing = await anyone.GetAsync("/Account/Link/" + Uri.EscapeDataString(token));
            Assert.True(landing.QuerySelector("#use-link") is null, $"/Account/Link/{token} from the outbox table works");
        }
    }

    public static string SignInPathIn(string mail) => SignInLink().Match(mail).Value;

    /// <summary>Opens the link as its recipient would and returns who that signed in.</summary>
    public static async Task<string> SignInWithAsync(AppFactory factory, string path)
    {
        using var person = new PageSession(factory.CreateClient());
        var landing = await person.GetAsync(path);
        Assert.NotNull(landing.QuerySelector("#use-link"));
        return (await person.SubmitAsync(landing.QuerySelector<IHtmlFormElement>("main form")!)).QuerySelector(".whoami")!.TextContent;
    }
}

public class SealedLinkTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task DispatchAllAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        while ((await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None)).Sent > 0)
        {
        }
    }

    /// <summary>The plain text of each mail sent to the address.</summary>
    private IEnumerable<string> SentTo(string email) => Directory.EnumerateFiles(factory.PickupDirectory, "*.eml").Select(File.ReadAllText)
        .Where(m => Mime.Parse(m).To.Mailboxes.Any(a => a.Address == email)).Select(m => Mime.BodyOf(m, "text/plain"));

    [Fact]
    public async Task No_row_of_the_outbox_holds_a_link_that_works_and_the_mails_sent_do()
    {
        var (waveId, invitee) = await factory.WithDbAsync(async db =>
        {
            var member = await db.WaveMembers.Where(m => m.RolloutGroup!.Name == "Rollout group B").OrderBy(m => m.PersonId).Select(m => new { m.WaveId, m.Person.Email }).FirstAsync();
            return (member.WaveId, member.Email);
        });
        using (var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador))
        {
            await ambassador.SubmitAsync((await ambassador.GetAsync($"/Waves/Details/{waveId}")).QuerySelector<IHtmlFormElement>("#invite-form")!);
        }
        using (var anyone = new PageSession(factory.CreateClient()))
        {
            await anyone.SubmitAsync((await anyone.GetAsync("/Account/SignIn")).QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = DemoUsers.Admin });
            await anyone.SubmitAsync((await anyone.GetAsync("/Account/ForgotPassword")).QuerySelector<IHtmlFormElement>("#forgot-form")!, new() { ["Email"] = DemoUsers.Ambassador });
        }

        await StoredOutbox.AssertHoldsNoWorkingTokenAsync(factory);

        await DispatchAllAsync();
        var stored = await StoredOutbox.TextsAsync(factory);
        var toAdmin = SentTo(DemoUsers.Admin).Last(m => m.Contains("/Account/Link/"));
        var toInvitee = SentTo(invitee).Single(m => m.Contains("/Account/Link/"));
        var reset = Regex.Match(SentTo(DemoUsers.Ambassador).Single(m => m.Contains("/Account/ResetPassword?")), @"/Account/ResetPassword\?(\S+)").Groups[1].Value;
        Assert.Contains("token=", reset);
        Assert.DoesNotContain(stored, text => text.Contains(reset));
        var sentLinks = Directory.EnumerateFiles(factory.PickupDirectory, "*.eml").Select(m => StoredOutbox.SignInPathIn(Mime.BodyOf(File.ReadAllText(m), "text/plain"))).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(sentLinks);
        Assert.DoesNotContain(stored, text => sentLinks.Any(text.Contains));
        Assert.Equal(DemoUsers.Admin, await StoredOutbox.SignInWithAsync(factory, StoredOutbox.SignInPathIn(toAdmin)));
        Assert.Equal(invitee, await StoredOutbox.SignInWithAsync(factory, StoredOutbox.SignInPathIn(toInvitee)));
    }

    [Fact]
    public async Task A_message_whose_key_is_gone_fails_for_good_with_the_reason()
    {
        await factory.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAtUtc = factory.NowUtc, NextAttemptAtUtc = factory.NowUtc, RecipientEmail = "lost.key@example.com", Language = Language.En, Template = "Test",
                Subject = "Lost", TextBody = "Open http://localhost:5080/Account/Link/~CfDJ8notsealedbyanykey", HtmlBody = "<p>Lost</p>",
            });
            await db.SaveChangesAsync();
        });

        await DispatchAllAsync();

        var message = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == "lost.key@example.com"));
        Assert.Equal((OutboxStatus.Failed, 1, SealedLinks.Unreadable), (message.Status, message.Attempts, message.LastError));
    }
}

/// <summary>A retried message goes out with the same link as the first attempt would have, and it works.</summary>
public class SealedLinkRetryTests(SmtpAppFactory factory) : IClassFixture<SmtpAppFactory>
{
    [Fact]
    public async Task A_message_retried_after_an_outage_carries_a_link_that_signs_in()
    {
        factory.Smtp.Stop();
        try
        {
            using var anyone = new PageSession(factory.CreateClient());
            await anyone.SubmitAsync((await anyone.GetAsync("/Account/SignIn")).QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = DemoUsers.Admin });

            Assert.Equal(1, (await factory.DispatchAsync()).Retrying);
            await StoredOutbox.AssertHoldsNoWorkingTokenAsync(factory);
        }
        finally
        {
            factory.Smtp.Start();
        }
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, factory.NowUtc.AddSeconds(-1))));

        Assert.Equal(1, (await factory.DispatchAsync()).Sent);

        var mail = Mime.BodyOf(Assert.Single(factory.Smtp.Messages(), m => m.Contains(DemoUsers.Admin)), "text/plain");
        Assert.Equal(DemoUsers.Admin, await StoredOutbox.SignInWithAsync(factory, StoredOutbox.SignInPathIn(mail)));
        await StoredOutbox.AssertHoldsNoWorkingTokenAsync(factory);
    }
}

/// <summary>One instance queues, another sends: both read the one key ring in the database.</summary>
public sealed class SealedLinkAcrossInstancesTests : IDisposable
{
    private readonly TwoInstances _instances = new();

    [Fact]
    public async Task A_link_sealed_by_one_instance_is_opened_by_the_other()
    {
        using (var anyone = new PageSession(_instances.First.CreateClient()))
        {
            await anyone.SubmitAsync((await anyone.GetAsync("/Account/SignIn")).QuerySelector<IHtmlFormElement>("#email-link-form")!, new() { ["Email"] = DemoUsers.Admin });
        }
        await StoredOutbox.AssertHoldsNoWorkingTokenAsync(_instances.First);

        await using (var scope = _instances.Second.Services.CreateAsyncScope())
        {
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None)).Sent);
        }

        var mail = Mime.BodyOf(Directory.EnumerateFiles(_instances.Second.PickupDirectory, "*.eml").Select(File.ReadAllText).Single(), "text/plain");
        Assert.Equal(DemoUsers.Admin, await StoredOutbox.SignInWithAsync(_instances.First, StoredOutbox.SignInPathIn(mail)));
    }

    public void Dispose() => _instances.Dispose();
}

/// <summary>Messages queued before links were sealed: the upgrade seals them, and they go out as they were written.</summary>
public class SealedLinkUpgradeTests
{
    [Fact]
    public async Task The_upgrade_seals_the_links_already_in_the_outbox_and_they_are_sent_unchanged()
    {
        using var factory = new AppFactory();
        const string Link = "http://localhost:5080/Account/Link/queued-before-the-upgrade_0123456789";
        // Before the app starts (factory.NowUtc would start it).
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await using (var db = factory.Database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_SealOutboxLinks", StringComparison.Ordinal)) - 1]);
            db.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAtUtc = now, NextAttemptAtUtc = now, RecipientEmail = "queued.before@example.com", Language = Language.En, Template = nameof(EmailTemplate.SignInLink),
                Subject = "Your link", TextBody = $"Sign in:\n{Link}\n", HtmlBody = $"<p><a href=\"{Link}\">Sign in</a></p>",
            });
            await db.SaveChangesAsync();
        }

        var stored = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == "queued.before@example.com"));
        Assert.DoesNotContain("queued-before-the-upgrade", stored.TextBody + stored.HtmlBody);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        }

        var mail = Directory.EnumerateFiles(factory.PickupDirectory, "*.eml").Select(File.ReadAllText).Single(m => m.Contains("queued.before@example.com"));
        Assert.Equal($"Sign in:\n{Link}\n", Mime.BodyOf(mail, "text/plain").ReplaceLineEndings("\n"));
        Assert.Contains($"href=\"{Link}\"", Mime.BodyOf(mail, "text/html"));
    }
}

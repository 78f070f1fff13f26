using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Email;

/// <summary>The app configured for SMTP against a real SMTP server process on loopback (offering SMTPUTF8).</summary>
public class SmtpAppFactory : AppFactory
{
    public SmtpServer Smtp { get; }

    public SmtpAppFactory()
        : this(smtpUtf8: true)
    {
    }

    protected SmtpAppFactory(bool smtpUtf8)
    {
        Smtp = new SmtpServer(smtpUtf8);
        Settings["Email:Transport"] = "Smtp";
        Settings["Email:SmtpHost"] = "127.0.0.1";
        Settings["Email:SmtpPort"] = Smtp.Port.ToString();
        Settings["Email:SmtpTimeoutSeconds"] = "5";
    }

    public async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Smtp.Dispose();
    }
}

public class SmtpDeliveryTests(SmtpAppFactory factory) : IClassFixture<SmtpAppFactory>
{
    private OutboxMessage Message(string to, string? calendar = null) => new()
    {
        CreatedAtUtc = factory.NowUtc,
        NextAttemptAtUtc = factory.NowUtc.AddSeconds(-1),
        RecipientEmail = to,
        RecipientName = "Test Person",
        Language = Language.En,
        Template = "Test",
        Subject = "Subject for " + to,
        TextBody = "Plain body for " + to,
        HtmlBody = "<p>HTML body for " + to + "</p>",
        Calendar = calendar,
    };

    private Task QueueAsync(IEnumerable<OutboxMessage> messages) => factory.WithDbAsync(async db =>
    {
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
    });

    private async Task DrainAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, factory.NowUtc.AddSeconds(-1))));
            if ((await factory.DispatchAsync()).Sent == 0 && !await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Pending)))
            {
                return;
            }
        }
    }

    [Fact]
    public async Task A_message_arrives_with_both_bodies_and_the_calendar_part()
    {
        var ics = IcsWriter.Write(new CalendarEvent("s-1@okrrollout", 0, new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1), "OKR basics", "Why and how",
            "Room 1", null, "Kaisa", "kaisa@example.com", "Calendar Person", "calendar.person@example.com"), CalendarMethod.Request, factory.NowUtc, TestClock.Helsinki);
        await QueueAsync([Message("calendar.person@example.com", ics)]);

        await DrainAsync();

        var mail = Assert.Single(factory.Smtp.Messages(), m => m.Contains("calendar.person@example.com"));
        Assert.Contains("multipart/alternative", mail);
        Assert.Contains("text/plain", mail);
        Assert.Contains("text/html", mail);
        Assert.Matches("text/calendar;.*method=REQUEST", mail.Replace("\r\n\t", " ").Replace("\r\n ", " "));
        Assert.Contains("invite.ics", mail);
        Assert.Equal(OutboxStatus.Sent, await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail == "calendar.person@example.com").Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task During_an_outage_nothing_is_lost_and_afterwards_each_message_arrives_exactly_once()
    {
        var recipients = Enumerable.Range(1, 50).Select(i => $"outage{i:00}@example.com").ToList();
        factory.Smtp.Stop();
        try
        {
            await QueueAsync(recipients.Select(r => Message(r)));

            var whileDown = await factory.DispatchAsync();

            Assert.Equal(0, whileDown.Sent);
            var stored = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail.StartsWith("outage")).ToListAsync());
            Assert.All(stored, m => Assert.Equal((OutboxStatus.Pending, 1), (m.Status, m.Attempts)));
            Assert.All(stored, m => Assert.NotNull(m.LastError));
            Assert.All(stored, m => Assert.True(m.NextAttemptAtUtc > factory.NowUtc.AddSeconds(20), "retried after a back-off"));
        }
        finally
        {
            factory.Smtp.Start();
        }

        // Two dispatchers at once, as two app instances would run them.
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, factory.NowUtc.AddSeconds(-1))));
        await Task.WhenAll(factory.DispatchAsync(), factory.DispatchAsync());
        await DrainAsync();

        var delivered = factory.Smtp.Messages().SelectMany(m => recipients.Where(r => m.Contains("To: " + "Test Person <" + r + ">") || m.Contains("<" + r + ">"))).ToList();
        Assert.Equal(recipients.Order(), delivered.Order());
        Assert.Equal(50, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientEmail.StartsWith("outage") && m.Status == OutboxStatus.Sent)));
    }

    [Fact]
    public async Task A_permanent_refusal_fails_at_once_with_the_servers_reason_on_the_outbox_page()
    {
        await QueueAsync([Message("reject.me@example.com")]);

        var result = await factory.DispatchAsync();

        Assert.Equal(1, result.Failed);
        var message = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == "reject.me@example.com"));
        Assert.Equal((OutboxStatus.Failed, 1), (message.Status, message.Attempts));
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync("/Outbox?status=Failed");
        var row = page.QuerySelector($"tr[data-message-id='{message.Id}']")!;
        Assert.Contains("550", row.QuerySelector(".last-error")!.TextContent);
        Assert.Contains("Mailbox unavailable", row.QuerySelector(".last-error")!.TextContent);

        var retried = await ambassador.SubmitAsync(row.QuerySelector<IHtmlFormElement>("form")!);
        Assert.Equal("The message will be sent again.", retried.QuerySelector(".status")!.TextContent);
        Assert.Equal(OutboxStatus.Pending, await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == message.Id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_invited_rollout_group_receives_invitations_with_a_valid_calendar_event()
    {
        var (sessionId, members) = await factory.WithDbAsync(async db =>
        {
            var group = await db.RolloutGroups.SingleAsync(g => g.Name == "Rollout group C");
            var session = new TrainingSession { Kind = SessionKind.OkrBasics, Language = Language.Fi, Mode = SessionMode.InPerson, Room = "Saimaa, 2nd floor", StartUtc = factory.NowUtc.AddDays(5), DurationMinutes = 120, Capacity = 8, RolloutGroupId = group.Id };
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            return (session.Id, await db.WaveMembers.Where(m => m.RolloutGroupId == group.Id).Select(m => m.Person.Email).ToListAsync());
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var page = await ambassador.GetAsync($"/Training/Sessions/Details/{sessionId}");

        // The whole group, whatever each one's language (the session is the group's).
        var invited = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#invite-form")!, new() { ["Invite.AnyLanguage"] = "true" });
        Assert.StartsWith($"{members.Count} invited", invited.QuerySelector(".status")!.TextContent);
        await DrainAsync();

        foreach (var email in members)
        {
            var mail = Assert.Single(factory.Smtp.Messages(), m => m.Contains(email) && m.Contains("text/calendar"));
            var calendar = Mime.BodyOf(mail, "text/calendar");
            var lines = calendar.Split("\r\n");
            Assert.Equal("BEGIN:VCALENDAR", lines[0]);
            Assert.Contains("METHOD:REQUEST", lines);
            Assert.Contains($"UID:training-session-{sessionId}@okrrollout", lines);
            Assert.Contains(lines, l => l.StartsWith("ATTENDEE;") && calendar.Replace("\r\n ", "").Contains("mailto:" + email));
            Assert.Contains(@"LOCATION:Saimaa\, 2nd floor", lines);
            Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75));
            Assert.Contains("/Training/Respond/", Mime.BodyOf(mail, "text/plain"));
        }
    }

    [Fact]
    public async Task Onboarding_invitations_go_out_in_each_persons_language_once_however_often_queued()
    {
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var waveId = await factory.WithDbAsync(db => db.Waves.Where(w => w.Kind == WaveKind.Pilot).Select(w => w.Id).SingleAsync());
        var members = await factory.WithDbAsync(db => db.WaveMembers.Where(m => m.WaveId == waveId).Select(m => new { m.Person.Email, m.Person.PreferredLanguage }).ToListAsync());
        var page = await ambassador.GetAsync($"/Waves/Details/{waveId}");

        var first = await ambassador.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#invite-form")!);
        var second = await ambassador.SubmitAsync(first.QuerySelector<IHtmlFormElement>("#invite-form")!);

        Assert.StartsWith($"{members.Count} onboarding", first.QuerySelector(".status")!.TextContent);
        Assert.StartsWith("0 onboarding", second.QuerySelector(".status")!.TextContent);
        await DrainAsync();
        foreach (var member in members)
        {
            var mail = Assert.Single(factory.Smtp.Messages(), m => m.Contains(member.Email));
            var decoded = Mime.BodyOf(mail, "text/plain");
            Assert.Contains(member.PreferredLanguage == Language.Fi ? "Miksi OKR?" : "Why OKRs?", decoded);
            // The programme's why in the member's language too.
            Assert.Contains(member.PreferredLanguage == Language.Fi ? "Tiimit tekevät paljon töitä, mutta siiloissa" : "Teams work hard, but in silos", decoded);
            Assert.Contains("/Account/Link/", decoded);
        }
    }
}

/// <summary>An SMTP server that does not offer SMTPUTF8, as some older or strictly configured ones do not.</summary>
public sealed class SmtpWithoutUtf8AppFactory() : SmtpAppFactory(smtpUtf8: false);

/// <summary>Addresses beyond ASCII: 12 of 150, 11 of 800 and 98 of 2,200 people in the HR exports we replayed.</summary>
public class InternationalAddressTests
{
    private static OutboxMessage Message(AppFactory factory, string to) => new()
    {
        CreatedAtUtc = factory.NowUtc,
        NextAttemptAtUtc = factory.NowUtc,
        RecipientEmail = to,
        RecipientName = "Laura Müller",
        Language = Language.En,
        Template = "Test",
        Subject = "Grüße to " + to,
        TextBody = "Plain body for " + to,
        HtmlBody = "<p>HTML body</p>",
    };

    private static async Task<OutboxMessage> SendAsync(SmtpAppFactory factory, string to)
    {
        await factory.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(Message(factory, to));
            await db.SaveChangesAsync();
        });
        await factory.DispatchAsync();
        return await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == to));
    }

    [Fact]
    public async Task A_local_part_with_umlauts_goes_with_SMTPUTF8_when_the_server_offers_it()
    {
        using var factory = new SmtpAppFactory();

        var stored = await SendAsync(factory, "laura.müller@example.com");

        Assert.Equal((OutboxStatus.Sent, 1), (stored.Status, stored.Attempts));
        var mail = Mime.Parse(Assert.Single(factory.Smtp.Messages()));
        Assert.Equal("laura.müller@example.com", mail.Headers["X-Envelope-To"]);
        Assert.Equal("laura.müller@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Grüße to laura.müller@example.com", mail.Subject);
    }

    [Fact]
    public async Task Without_SMTPUTF8_such_an_address_fails_at_once_with_a_reason_in_the_ambassadors_language_and_a_non_ASCII_domain_goes_as_punycode()
    {
        using var factory = new SmtpWithoutUtf8AppFactory();

        var refused = await SendAsync(factory, "laura.müller@example.com");
        var domain = await SendAsync(factory, "anna@müller-gmbh.example");

        Assert.Equal((OutboxStatus.Failed, 1), (refused.Status, refused.Attempts));
        Assert.Equal(OutboxStatus.Sent, domain.Status);
        var mail = Mime.Parse(Assert.Single(factory.Smtp.Messages()));
        var punycode = "anna@" + new System.Globalization.IdnMapping().GetAscii("müller-gmbh.example");
        Assert.Equal(punycode, mail.Headers["X-Envelope-To"]);

        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var row = (await ambassador.GetAsync("/Outbox?status=Failed")).QuerySelector($"tr[data-message-id='{refused.Id}'] .last-error")!;
        Assert.Equal(OkrRollout.Web.Email.SmtpEmailSender.NoSmtpUtf8, row.TextContent);
        ambassador.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");
        var finnish = (await ambassador.GetAsync("/Outbox?status=Failed")).QuerySelector($"tr[data-message-id='{refused.Id}'] .last-error")!;
        Assert.StartsWith("Sähköpostipalvelin ei hyväksy osoitteita", finnish.TextContent);
    }
}

/// <summary>One SMTP connection per dispatcher, kept across messages and replaced when it breaks.</summary>
public class SmtpConnectionTests
{
    private static OutboxMessage Message(AppFactory factory, string to) => new()
    {
        CreatedAtUtc = factory.NowUtc,
        NextAttemptAtUtc = factory.NowUtc,
        RecipientEmail = to,
        RecipientName = "Kept Connection",
        Language = Language.En,
        Template = "Test",
        Subject = "Subject for " + to,
        TextBody = "Plain body",
        HtmlBody = "<p>HTML body</p>",
    };

    private static Task QueueAsync(AppFactory factory, IEnumerable<string> recipients) => factory.WithDbAsync(async db =>
    {
        db.OutboxMessages.AddRange(recipients.Select(r => Message(factory, r)));
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task One_dispatcher_sends_many_messages_over_one_connection_and_a_broken_one_is_replaced_without_a_retry()
    {
        using var factory = new SmtpAppFactory();
        await QueueAsync(factory, Enumerable.Range(1, 20).Select(i => $"kept{i:00}@example.com"));

        var first = await factory.DispatchAsync();

        Assert.Equal(20, first.Sent);
        Assert.Equal(20, factory.Smtp.Messages().Count);
        Assert.Equal(1, factory.Smtp.Connections());

        // The server restarts: the kept connection is dead, the next message goes over a new one at its first attempt.
        factory.Smtp.Stop();
        factory.Smtp.Start();
        await QueueAsync(factory, ["after.restart@example.com"]);
        var second = await factory.DispatchAsync();

        Assert.Equal(1, second.Sent);
        var stored = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == "after.restart@example.com"));
        Assert.Equal((OutboxStatus.Sent, 1), (stored.Status, stored.Attempts));
        Assert.Equal(2, factory.Smtp.Connections());
    }
}

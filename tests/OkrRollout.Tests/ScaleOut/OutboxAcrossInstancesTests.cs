using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.ScaleOut;

/// <summary>
/// Two app instances on loopback, one database and one SMTP server, both sending the same outbox
/// at once: the claim makes every message go out exactly once.
/// </summary>
public sealed partial class OutboxAcrossInstancesTests : IDisposable
{
    private const int Messages = 1000;

    private readonly SmtpServer _smtp = new();
    private readonly TwoInstances _instances;

    public OutboxAcrossInstancesTests()
    {
        _instances = new(Configure);
    }

    private void Configure(AppFactory instance)
    {
        instance.Settings["Email:Transport"] = "Smtp";
        instance.Settings["Email:SmtpHost"] = "127.0.0.1";
        instance.Settings["Email:SmtpPort"] = _smtp.Port.ToString();
        instance.Settings["Outbox:Parallelism"] = "4";
        instance.Settings["Outbox:BatchSize"] = "20";
    }

    [Fact]
    public async Task A_thousand_messages_sent_by_two_instances_at_once_arrive_exactly_once_each()
    {
        _instances.StartServers();
        static Task<DispatchResult> Drain(AppFactory instance) => Task.Run(() =>
            OutboxDispatcher.DrainAsync(instance.Services.GetRequiredService<IServiceScopeFactory>(), 4, CancellationToken.None));
        // A cold instance (model building, first connections) can take longer than the warm one
        // needs to send everything; warming both on an empty outbox makes them start level.
        await Drain(_instances.First);
        await Drain(_instances.Second);
        await _instances.First.WithDbAsync(async db =>
        {
            var now = _instances.First.NowUtc.AddSeconds(-1);
            db.OutboxMessages.AddRange(Enumerable.Range(0, Messages).Select(i => new OutboxMessage
            {
                CreatedAtUtc = now,
                NextAttemptAtUtc = now,
                RecipientEmail = $"person{i:D4}@example.com",
                Language = Language.En,
                Template = "Test",
                Subject = $"Message {i}",
                TextBody = "Text",
                HtmlBody = "<p>Text</p>",
            }));
            await db.SaveChangesAsync();
        });

        var results = await Task.WhenAll(Drain(_instances.First), Drain(_instances.Second));

        Assert.All(results, r => Assert.True(r.Sent > 0, "both instances took part in sending"));
        Assert.Equal(Messages, results.Sum(r => r.Sent));
        var received = _smtp.Messages().Select(m => RecipientHeader().Match(m).Groups[1].Value).ToList();
        Assert.Equal(Messages, received.Count);
        Assert.Equal(Messages, received.Distinct().Count());
        var outbox = await _instances.Second.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == "Test")
            .GroupBy(m => new { m.Status, m.Attempts }).Select(g => new { g.Key.Status, g.Key.Attempts, Count = g.Count() }).ToListAsync());
        var all = Assert.Single(outbox);
        Assert.Equal((OutboxStatus.Sent, 1, Messages), (all.Status, all.Attempts, all.Count));
    }

    [GeneratedRegex(@"^To: (\S+)", RegexOptions.Multiline)]
    private static partial Regex RecipientHeader();

    public void Dispose()
    {
        _instances.Dispose();
        _smtp.Dispose();
    }
}

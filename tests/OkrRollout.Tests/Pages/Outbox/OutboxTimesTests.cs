using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Outbox;

public class OutboxTimesTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Queued_and_sent_times_are_shown_in_the_organisations_time_zone()
    {
        var id = await factory.WithDbAsync(async db =>
        {
            var message = new OutboxMessage
            {
                CreatedAtUtc = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc),
                NextAttemptAtUtc = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc),
                SentAtUtc = new DateTime(2026, 11, 20, 22, 30, 0, DateTimeKind.Utc),
                Status = OutboxStatus.Sent,
                RecipientEmail = "times@example.com",
                Language = Language.En,
                Template = "Test",
                Subject = "Times",
                TextBody = "Text",
                HtmlBody = "<p>Text</p>",
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var row = (await ambassador.GetAsync("/Outbox")).QuerySelector($"tr[data-message-id='{id}']")!;

        // 08:00 UTC is 10:00 in Helsinki; 22:30 UTC is already the next day there.
        Assert.Equal("20/11/2026 10:00", row.QuerySelector(".queued-at")!.TextContent);
        Assert.Equal("21/11/2026 00:30", row.QuerySelector(".sent-at")!.TextContent);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Privacy;

namespace OkrRollout.Tests.Privacy;

/// <summary>The nightly retention: audit entries and e-mail bodies past their retention go, someone who left long enough ago is erased; what is younger stays.</summary>
public class RetentionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly Guid AbandonedUpload = Guid.NewGuid();
    private static readonly Guid FreshUpload = Guid.NewGuid();

    private async Task<RetentionResult> RunAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(CancellationToken.None);
    }

    private OutboxMessage Message(string to, DateTime created, OutboxStatus status) => new()
    {
        CreatedAtUtc = created,
        NextAttemptAtUtc = created,
        Status = status,
        RecipientEmail = to,
        Language = Language.En,
        Template = "Test",
        Subject = "Retention " + to,
        TextBody = "Body text",
        HtmlBody = "<p>Body text</p>",
        Calendar = "BEGIN:VCALENDAR",
    };

    [Fact]
    public async Task Entries_and_bodies_past_their_retention_go_and_younger_ones_stay()
    {
        var options = new PrivacyOptions();
        var now = factory.NowUtc;
        var (oldEntry, youngEntry, oldSent, oldFailed, oldPending, youngSent) = await factory.WithDbAsync(async db =>
        {
            AuditEntry Entry(DateTime at) => new() { AtUtc = at, Actor = "retention@example.com", Action = "test.retention", EntityType = nameof(Wave) };
            var oldEntry = Entry(now.AddDays(-options.AuditRetentionDays - 1));
            var youngEntry = Entry(now.AddDays(-options.AuditRetentionDays + 1));
            var oldSent = Message("old-sent@example.com", now.AddDays(-options.EmailBodyRetentionDays - 1), OutboxStatus.Sent);
            var oldFailed = Message("old-failed@example.com", now.AddDays(-options.EmailBodyRetentionDays - 1), OutboxStatus.Failed);
            var oldPending = Message("old-pending@example.com", now.AddDays(-options.EmailBodyRetentionDays - 1), OutboxStatus.Pending);
            oldPending.NextAttemptAtUtc = now.AddDays(1);
            var youngSent = Message("young-sent@example.com", now.AddDays(-options.EmailBodyRetentionDays + 1), OutboxStatus.Sent);
            db.AuditEntries.AddRange(oldEntry, youngEntry);
            db.PeopleImports.AddRange(
                new PeopleImport { Id = AbandonedUpload, FileName = "hr.csv", Content = [1, 2, 3], UploadedBy = "a@example.com", UploadedAtUtc = now.AddDays(-2) },
                new PeopleImport { Id = FreshUpload, FileName = "hr.csv", Content = [1, 2, 3], UploadedBy = "a@example.com", UploadedAtUtc = now.AddHours(-2) });
            db.OutboxMessages.AddRange(oldSent, oldFailed, oldPending, youngSent);
            await db.SaveChangesAsync();
            return (oldEntry.Id, youngEntry.Id, oldSent.Id, oldFailed.Id, oldPending.Id, youngSent.Id);
        });

        var result = await RunAsync();

        Assert.True(result.AuditEntriesRemoved >= 1);
        Assert.True(result.EmailBodiesRemoved >= 2);
        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == oldEntry || a.Id == youngEntry).Select(a => a.Id).ToListAsync());
        Assert.Equal([youngEntry], entries);
        var messages = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => new[] { oldSent, oldFailed, oldPending, youngSent }.Contains(m.Id)).ToDictionaryAsync(m => m.Id));
        Assert.All([messages[oldSent], messages[oldFailed]], m => Assert.Equal(("", "", null, "Retention " + m.RecipientEmail), (m.TextBody, m.HtmlBody, m.Calendar, m.Subject)));
        Assert.All([messages[oldPending], messages[youngSent]], m => Assert.Equal(("Body text", "BEGIN:VCALENDAR"), (m.TextBody, m.Calendar)));
        Assert.Equal([FreshUpload], await factory.WithDbAsync(db => db.PeopleImports.Where(i => i.Id == AbandonedUpload || i.Id == FreshUpload).Select(i => i.Id).ToListAsync()));
        var run = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "retention.applied").OrderBy(a => a.Id).LastAsync());
        Assert.Equal("system", run.Actor);
        Assert.Contains($"audit entries removed {result.AuditEntriesRemoved}", run.Details);
    }

    [Fact]
    public async Task Someone_deactivated_past_the_erasure_period_is_erased_and_someone_recent_is_not()
    {
        var options = new PrivacyOptions();
        var now = factory.NowUtc;
        var (longGone, recent) = await factory.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.OrderBy(u => u.Id).FirstAsync();
            Person Leaver(string email, int daysAgo) => new() { Name = "Leaver " + email, Email = email, UnitId = unit.Id, IsActive = false, DeactivatedAtUtc = now.AddDays(-daysAgo) };
            var longGone = Leaver("long-gone@example.com", options.ErasureAfterDays + 1);
            var recent = Leaver("recent-leaver@example.com", options.ErasureAfterDays - 1);
            db.People.AddRange(longGone, recent);
            await db.SaveChangesAsync();
            return (longGone.Id, recent.Id);
        });

        var result = await RunAsync();

        Assert.True(result.PeopleErased >= 1);
        var people = await factory.WithDbAsync(db => db.People.Where(p => p.Id == longGone || p.Id == recent).ToDictionaryAsync(p => p.Id));
        Assert.Equal(PersonErasure.Pseudonym(longGone).Email, people[longGone].Email);
        Assert.NotNull(people[longGone].ErasedAtUtc);
        Assert.Equal("recent-leaver@example.com", people[recent].Email);
        Assert.Null(people[recent].ErasedAtUtc);
    }
}

/// <summary>With retention 0 everything is kept for ever and nobody is erased automatically.</summary>
public class RetentionKeptForEverTests : IClassFixture<RetentionKeptForEverTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory()
        {
            Settings["Privacy:AuditRetentionDays"] = "0";
            Settings["Privacy:EmailBodyRetentionDays"] = "0";
            Settings["Privacy:AutomaticErasure"] = "false";
        }
    }

    private readonly Factory _factory;

    public RetentionKeptForEverTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task Nothing_is_removed_or_erased()
    {
        var now = _factory.NowUtc;
        var personId = await _factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { AtUtc = now.AddYears(-10), Actor = "ancient@example.com", Action = "test.retention", EntityType = nameof(Wave) });
            var unit = await db.OrgUnits.OrderBy(u => u.Id).FirstAsync();
            var person = new Person { Name = "Ancient Leaver", Email = "ancient-leaver@example.com", UnitId = unit.Id, IsActive = false, DeactivatedAtUtc = now.AddYears(-10) };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        await using var scope = _factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(CancellationToken.None);

        Assert.Equal(new RetentionResult(0, 0, 0, 0), result);
        Assert.True(await _factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Actor == "ancient@example.com")));
        Assert.Equal("ancient-leaver@example.com", await _factory.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync()));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Seeding;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Okr;

namespace OkrRollout.Tests.Okr;

public class CheckInNudgeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Only_owners_of_key_results_quiet_for_a_week_are_nudged_once_a_week_in_their_language()
    {
        await factory.WithDbAsync(async db =>
        {
            var objective = await db.Objectives.SingleAsync(o => o.Title == "Releases reach customers without drama");
            var emma = await db.People.SingleAsync(p => p.Email == DemoUsers.Member);
            db.KeyResults.Add(new KeyResult { ObjectiveId = objective.Id, Title = "Docs pages read per week", StartValue = 100, TargetValue = 400, OwnerId = emma.Id });
            await db.SaveChangesAsync();
        });

        // The demo was loaded on the Friday the seeds tell the story for; the job runs on the Monday after.
        factory.Clock.SetUtcNow(TestClock.At(DemoSeeder.SeedsTellTheStoryAsOf.AddDays(3), new TimeOnly(10, 0)));
        await using var scope = factory.Services.CreateAsyncScope();
        var nudges = scope.ServiceProvider.GetRequiredService<CheckInNudges>();

        var first = await nudges.QueueAsync(CancellationToken.None);
        var again = await nudges.QueueAsync(CancellationToken.None);

        var messages = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.CheckInNudge)).ToListAsync());
        // On Monday 23 November: Heikki's key result was last checked in on 13 November (late: nudged),
        // Emma's new one never. Chloe's of the 16th is seven days old, still on time by the rhythm the
        // dashboard shows, and so are the check-ins of the 17th; the key results of draft objectives stay quiet.
        Assert.Equal(["emma.laine@aurora-telematics.example", "heikki.laitinen@aurora-telematics.example"],
            messages.Select(m => m.RecipientEmail).Order());
        Assert.Equal((2, 0), (first, again));
        var emmas = messages.Single(m => m.RecipientEmail == DemoUsers.Member);
        Assert.Equal("Viikkopäivityksen aika", emmas.Subject);
        Assert.Contains("Docs pages read per week", emmas.TextBody);
        Assert.DoesNotContain("Median time", emmas.TextBody);
        Assert.Contains("/Okr/Teams/", emmas.TextBody);

        // On the Tuesday Chloe's is eight days old: late on the dashboard, and she is nudged.
        factory.Clock.SetUtcNow(TestClock.At(DemoSeeder.SeedsTellTheStoryAsOf.AddDays(4), new TimeOnly(10, 0)));
        Assert.Equal(CheckInActivity.Late, UnitActivity.Classify(true, new DateOnly(2026, 11, 16), factory.Today));
        await nudges.QueueAsync(CancellationToken.None);
        Assert.Contains("chloe.kowalski@aurora-telematics.example", await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.CheckInNudge)).Select(m => m.RecipientEmail).ToListAsync()));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Okr;

namespace OkrRollout.Tests.Okr;

public class CheckInEscalationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_key_result_silent_for_two_weeks_is_reported_to_the_lead_then_one_manager_higher_each_week()
    {
        var start = factory.Clock.GetUtcNow();
        var today = factory.Today;
        var (lead, manager, top, quiet, fresh) = await factory.WithDbAsync(async db =>
        {
            var periodId = (await OkrQueries.CurrentPeriodIdAsync(db, today, CancellationToken.None))!.Value;
            var parent = await db.OrgUnits.Where(u => u.Depth == 0).FirstAsync();
            var unit = new OrgUnit { Name = "Escalation team" };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            unit.PlaceUnder(parent);
            Person NewPerson(string name, bool isLead, Language language) => new() { Name = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@aurora-telematics.example", UnitId = unit.Id, IsLead = isLead, PreferredLanguage = language };
            var top = NewPerson("Tiina Ylin", false, Language.Fi);
            var manager = NewPerson("Markku Keskinen", false, Language.Fi);
            var lead = NewPerson("Liisa Vetäjä", true, Language.En);
            var owner = NewPerson("Olli Omistaja", false, Language.En);
            db.People.AddRange(top, manager, lead, owner);
            await db.SaveChangesAsync();
            manager.ManagerId = top.Id;
            lead.ManagerId = manager.Id;
            owner.ManagerId = lead.Id;
            var objective = new Objective { PeriodId = periodId, UnitId = unit.Id, Title = "Escalation objective", Status = ObjectiveStatus.Published, OwnerId = lead.Id };
            var quiet = new KeyResult { Objective = objective, Title = "Quiet key result", TargetValue = 10, OwnerId = owner.Id };
            var fresh = new KeyResult { Objective = objective, Title = "Fresh key result", TargetValue = 10, OwnerId = owner.Id };
            db.KeyResults.AddRange(quiet, fresh);
            await db.SaveChangesAsync();
            db.CheckIns.Add(new CheckIn { KeyResultId = quiet.Id, Date = today.AddDays(-15), Value = 1, Confidence = 5, CreatedAtUtc = factory.NowUtc });
            db.CheckIns.Add(new CheckIn { KeyResultId = fresh.Id, Date = today.AddDays(-3), Value = 2, Confidence = 5, CreatedAtUtc = factory.NowUtc });
            await db.SaveChangesAsync();
            return (lead.Email, manager.Email, top.Email, quiet.Title, fresh.Title);
        });
        var ours = new[] { lead, manager, top };

        async Task<List<OutboxMessage>> WeekAsync(int week)
        {
            factory.Clock.SetUtcNow(start.AddDays(7 * week));
            // The other key result is checked in every week, and so never reported.
            await factory.WithDbAsync(async db =>
            {
                db.CheckIns.Add(new CheckIn { KeyResultId = await db.KeyResults.Where(k => k.Title == fresh).Select(k => k.Id).SingleAsync(), Date = factory.Today.AddDays(-1), Value = 2, Confidence = 5, CreatedAtUtc = factory.NowUtc });
                return await db.SaveChangesAsync();
            });
            await using var scope = factory.Services.CreateAsyncScope();
            var escalations = scope.ServiceProvider.GetRequiredService<CheckInEscalations>();
            await escalations.QueueAsync(CancellationToken.None);
            await escalations.QueueAsync(CancellationToken.None);
            return await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Template == nameof(EmailTemplate.CheckInEscalation) && ours.Contains(m.RecipientEmail)).OrderBy(m => m.Id).ToListAsync());
        }
        var first = Assert.Single(await WeekAsync(0));
        Assert.Equal(lead, first.RecipientEmail);
        Assert.Equal("Key results in your team without a check-in", first.Subject);
        Assert.Contains($"• {quiet} (Escalation objective) – Olli Omistaja, no check-in for 2 weeks", first.TextBody);
        Assert.DoesNotContain(fresh, first.TextBody);
        Assert.Contains("/Okr/Teams/", first.TextBody);

        var second = await WeekAsync(1);
        Assert.Equal([lead, manager], second.Select(m => m.RecipientEmail));
        Assert.Equal("Tiimisi avaintuloksia ei ole päivitetty", second[1].Subject);
        Assert.Contains("ei päivitystä 3 viikkoon", second[1].TextBody);

        Assert.Equal([lead, manager, top], (await WeekAsync(2)).Select(m => m.RecipientEmail));
        // The top of the line keeps hearing of it.
        Assert.Equal([lead, manager, top, top], (await WeekAsync(3)).Select(m => m.RecipientEmail));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages;

/// <summary>An htmx row update answers with its row and reads what that row shows, not the whole page.</summary>
public class RowUpdateQueriesTests(RowUpdateQueriesTests.Factory factory) : IClassFixture<RowUpdateQueriesTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory() => TestServices.Add(services => services
            .AddHttpContextAccessor()
            .AddSingleton<RequestQueryCounter>()
            .AddSingleton<IInterceptor>(sp => sp.GetRequiredService<RequestQueryCounter>()));

        public RequestQueryCounter Queries => Services.GetRequiredService<RequestQueryCounter>();
    }

    [Fact]
    public async Task Toggling_one_persons_attendance_reads_their_row_not_the_roster()
    {
        var trainer = await factory.CreateSignInAsync("emma.laine@aurora-telematics.example");
        var (sessionId, people) = await factory.WithDbAsync(async db =>
        {
            var session = new TrainingSession { Kind = SessionKind.OkrBasics, Language = Language.En, Mode = SessionMode.InPerson, Room = "Room 1", StartUtc = factory.NowUtc.AddMinutes(-30), DurationMinutes = 60, Capacity = 200 };
            session.Trainers.Add(new SessionTrainer { PersonId = await db.People.Where(p => p.Email == trainer).Select(p => p.Id).SingleAsync() });
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync();
            var people = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Take(150).Select(p => p.Id).ToListAsync();
            db.Enrollments.AddRange(people.Select(p => new Enrollment { SessionId = session.Id, PersonId = p, State = EnrollmentState.Registered, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc }));
            await db.SaveChangesAsync();
            return (session.Id, people);
        });
        using var session = await PageSession.SignInAsync(factory, trainer);
        var page = await session.GetAsync($"/Training/Sessions/Details/{sessionId}");
        var path = $"/Training/Sessions/Details/{sessionId}";
        factory.Queries.Reset();

        using var response = await session.HtmxPostAsync(page.QuerySelector($"#roster-{people[7]} button.toggle-attended")!.GetAttribute("hx-post")!, [], PageSession.HtmxAntiforgeryToken(page));

        var rows = PageSession.Parse("<table><tbody>" + await response.Content.ReadAsStringAsync() + "</tbody></table>").QuerySelectorAll("tr");
        Assert.Equal($"roster-{people[7]}", Assert.Single(rows).Id);
        Assert.Equal("Attended", rows[0].QuerySelector("td.state")!.TextContent);
        var commands = factory.Queries.For(path);
        var all = $"{commands.Count} commands:\n" + string.Join("\n---\n", commands);
        // Sign-in checks, the trainer's right, the change with its audit and stage marks, then the row itself.
        Assert.True(commands.Count <= 16, all);
        Assert.All(commands.Where(c => c.Contains("FROM \"Enrollments\"")), c => Assert.Contains("\"PersonId\" = @personId", c));
        Assert.DoesNotContain(commands, c => c.Contains("\"SessionFeedback\"") || c.Contains("FROM \"Waves\"") || c.Contains("FROM \"RolloutGroups\""));
    }
}

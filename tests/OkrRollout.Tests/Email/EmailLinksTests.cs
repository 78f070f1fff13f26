using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Tests.Email;

/// <summary>Every kind of e-mail the app sends, delivered, and every link in it opened: none leads nowhere.</summary>
public partial class EmailLinksTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    private static readonly ClaimsPrincipal Ambassador = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, DemoUsers.Ambassador)], "test"));

    [Fact]
    public async Task Every_link_in_every_kind_of_email_opens_a_page()
    {
        await QueueOneOfEachAsync();
        var templates = await factory.WithDbAsync(db => db.OutboxMessages.Select(m => m.Template).Distinct().ToListAsync());
        // The single sign-on variants go out only when single sign-on is the only way in: SsoOnlyTests follows their link.
        Assert.Equal(Enum.GetNames<EmailTemplate>().Where(t => !t.EndsWith("SingleSignOn", StringComparison.Ordinal)).Order(), templates.Order());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            while ((await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None)).Sent > 0)
            {
            }
        }
        var links = Directory.EnumerateFiles(factory.PickupDirectory, "*.eml")
            .SelectMany(eml => Href().Matches(Mime.BodyOf(File.ReadAllText(eml), "text/html")).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            .Distinct().ToList();
        Assert.True(links.Count >= templates.Count, $"{links.Count} links");

        // Signed in, as the pages a link leads to ask first; a request no page answers would be sent to sign in too.
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var broken = new List<string>();
        foreach (var link in links)
        {
            var url = new Uri(link);
            Assert.Equal("http://localhost:5080", url.GetLeftPart(UriPartial.Authority));
            using var response = await ambassador.Client.GetAsync(url.PathAndQuery);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{url.PathAndQuery}: {(int)response.StatusCode}");
            }
        }
        Assert.True(broken.Count == 0, string.Join(", ", broken));
    }

    private async Task QueueOneOfEachAsync()
    {
        var (people, wave, programmeId) = await factory.WithDbAsync(async db => (
            await db.People.Where(p => p.IsActive && p.Email != DemoUsers.Admin && !db.Users.Any(u => u.Email == p.Email)).OrderBy(p => p.Id).Select(p => p.Id).Take(3).ToListAsync(),
            await db.Waves.OrderBy(w => w.Order).FirstAsync(),
            await db.Programmes.Select(p => p.Id).FirstAsync()));
        var time = factory.Services.GetRequiredService<OrganisationTime>();
        var tomorrowAtTen = time.StartOfDayUtc(factory.Today.AddDays(1)).AddHours(10);
        TrainingSession NewSession(int capacity) => new()
        {
            ProgrammeId = programmeId, Kind = SessionKind.OkrBasics, Title = "Links", Language = Language.En, Mode = SessionMode.InPerson,
            Room = "Room 1", StartUtc = tomorrowAtTen, DurationMinutes = 60, Capacity = capacity,
        };
        var (held, cancelled) = (NewSession(1), NewSession(5));
        await factory.WithDbAsync(async db =>
        {
            var objective = await db.Objectives.FirstAsync(o => o.Status == ObjectiveStatus.Published);
            db.KeyResults.Add(new KeyResult { ObjectiveId = objective.Id, Title = "Never checked in", StartValue = 0, TargetValue = 10, OwnerId = people[0] });
            held.TrainingRequestId = await db.TrainingRequests.OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstAsync();
            db.TrainingSessions.AddRange(held, cancelled);
            await db.SaveChangesAsync();
        });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var enrollments = services.GetRequiredService<SessionRoster>();
            await enrollments.TellRequesterAsync(held.Id, CancellationToken.None);
            await enrollments.InviteAsync(held.Id, [people[0], people[1]], Ambassador, CancellationToken.None);
            await enrollments.RespondAsync(held.Id, people[0], EnrollmentAction.Register, null, CancellationToken.None);
            await enrollments.RespondAsync(held.Id, people[1], EnrollmentAction.Register, null, CancellationToken.None);
            await enrollments.RespondAsync(held.Id, people[0], EnrollmentAction.Cancel, null, CancellationToken.None);
            await enrollments.SendUpdateAsync(held.Id, Ambassador, CancellationToken.None);
            await services.GetRequiredService<SessionFollowUps>().QueueRemindersAsync(CancellationToken.None);
            await enrollments.InviteAsync(cancelled.Id, [people[2], people[1]], Ambassador, CancellationToken.None);
            await enrollments.UninviteAsync(cancelled.Id, people[1], Ambassador, CancellationToken.None);
            await enrollments.CancelSessionAsync(cancelled.Id, Ambassador, CancellationToken.None);

            await services.GetRequiredService<OnboardingInvitations>().QueueForWaveAsync(wave, Ambassador, CancellationToken.None);
            var signIn = services.GetRequiredService<SignInMail>();
            await signIn.InviteAsync([people[2]], Ambassador, CancellationToken.None);
            await signIn.RequestSignInLinkAsync(DemoUsers.Member, "links-test", null, CancellationToken.None);
            await signIn.RequestPasswordResetAsync(DemoUsers.Admin, "links-test", CancellationToken.None);
            await services.GetRequiredService<CheckInNudges>().QueueAsync(CancellationToken.None);
            await services.GetRequiredService<CheckInEscalations>().QueueAsync(CancellationToken.None);
        }

        factory.Clock.SetUtcNow(tomorrowAtTen.AddHours(2));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<SessionRoster>().MarkAttendanceAsync(held.Id, people[1], attended: true, Ambassador, CancellationToken.None);
            await services.GetRequiredService<SessionFollowUps>().QueueFeedbackRequestsAsync(CancellationToken.None);
        }
    }
}

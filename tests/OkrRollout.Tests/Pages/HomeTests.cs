using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages;

/// <summary>The ambassador's home: what needs them today, each a link to where it is dealt with.</summary>
public class HomeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Home_lists_what_needs_the_ambassador_today_and_a_member_sees_none_of_it()
    {
        var (ended, thisWeek, person) = await factory.WithDbAsync(async db =>
        {
            var people = await db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Take(2).Select(p => p.Id).ToListAsync();
            TrainingSession NewSession(DateTime start) => new() { Kind = SessionKind.OkrBasics, Title = $"Agenda session {start:HHmm}", Language = Language.En, Mode = SessionMode.Online, Link = "https://meet.example/a", StartUtc = start, DurationMinutes = 60, Capacity = 10 };
            var ended = NewSession(factory.NowUtc.AddHours(-3));
            // Later today, so in this week whatever day the suite runs.
            var thisWeek = NewSession(factory.NowUtc.AddMinutes(5));
            db.TrainingSessions.AddRange(ended, thisWeek);
            await db.SaveChangesAsync();
            db.Enrollments.Add(new Enrollment { SessionId = ended.Id, PersonId = people[0], State = EnrollmentState.Registered, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc });
            db.Enrollments.Add(new Enrollment { SessionId = thisWeek.Id, PersonId = people[1], State = EnrollmentState.Registered, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc });
            db.OutboxMessages.Add(new OutboxMessage
            {
                RecipientEmail = "gone@aurora-telematics.example", Template = "SignInInvitation", Subject = "s", TextBody = "t", HtmlBody = "h",
                Status = OutboxStatus.Failed, CreatedAtUtc = factory.NowUtc, NextAttemptAtUtc = factory.NowUtc, LastError = "550 no such user",
            });
            db.SignInLinks.Add(new SignInLink { TokenHash = "agenda-test", PersonId = people[1], CreatedAtUtc = factory.NowUtc, ExpiresAtUtc = factory.NowUtc.AddDays(7) });
            await db.SaveChangesAsync();
            return (ended.Id, thisWeek.Id, people[1]);
        });
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);

        var home = await ambassador.GetAsync("/");

        Assert.True(home.QuerySelectorAll<IHtmlAnchorElement>("#agenda-attendance a").Any(a => a.PathName == $"/Training/Sessions/Details/{ended}"), home.QuerySelector("#agenda")?.OuterHtml);
        Assert.True(home.QuerySelectorAll("#agenda-this-week li").Any(li => li.QuerySelector<IHtmlAnchorElement>("a")!.PathName == $"/Training/Sessions/Details/{thisWeek}" && li.TextContent.EndsWith("9 free places, 0 waiting")), home.QuerySelector("#agenda")?.OuterHtml);
        var failed = home.QuerySelector<IHtmlAnchorElement>("#agenda-failed-mail a")!;
        Assert.Equal("/Outbox?status=Failed", failed.PathName + failed.Search);
        var failedCount = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed));
        Assert.Equal($"E-mails that could not be sent: {failedCount}", failed.TextContent);
        Assert.Null(home.QuerySelector("#first-run"));

        // Per wave, to the wave's members who were sent a link and never signed in, ready to be sent a new one.
        var (waveId, email) = await factory.WithDbAsync(async db => (await db.WaveMembers.Where(m => m.PersonId == person).Select(m => m.WaveId).FirstAsync(), await db.People.Where(p => p.Id == person).Select(p => p.Email).SingleAsync()));
        var toWave = home.QuerySelectorAll<IHtmlAnchorElement>("#agenda-never-signed-in a").Single(a => a.PathName == $"/Waves/Details/{waveId}");
        var wavePage = await ambassador.GetAsync(toWave.PathName + toWave.Search);
        Assert.True(wavePage.QuerySelector<IHtmlInputElement>("#List_NeverSignedIn")!.IsChecked);
        var rows = wavePage.QuerySelectorAll("#members tbody tr");
        Assert.Contains(rows, tr => tr.Id == $"member-{person}");
        Assert.All(rows, tr => Assert.Equal("Not yet", tr.QuerySelector("td.sign-in")!.TextContent));
        Assert.EndsWith(rows.Length == 1 ? " – 1 person" : $" – {rows.Length} people", toWave.ParentElement!.TextContent);
        wavePage.QuerySelector<IHtmlInputElement>($"#tick-{person}")!.IsChecked = true;
        var sent = await ambassador.SubmitAsync(wavePage.QuerySelector<IHtmlFormElement>("#members-form")!, null, "#send-links");
        Assert.Contains("A new sign-in link is on its way.", sent.QuerySelector(".status")!.TextContent);
        Assert.True(sent.QuerySelector<IHtmlInputElement>("#List_NeverSignedIn")!.IsChecked);
        Assert.Equal(1, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientEmail == email && m.Template == "SignInInvitation")));

        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        Assert.Null((await member.GetAsync("/")).QuerySelector("#agenda"));
    }
}

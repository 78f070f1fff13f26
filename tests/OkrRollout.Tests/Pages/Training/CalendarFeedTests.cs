using System.Net;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.Training;

/// <summary>A person's calendar subscription: made on their page, read by a calendar without a sign-in, renewed and turned off.</summary>
public class CalendarFeedTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_person_subscribes_to_their_sessions_and_the_ones_they_train_follows_a_cancellation_and_revokes_the_address()
    {
        var (personId, invitedTo, trains, declined) = await factory.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => p.Email == DemoUsers.Member).SingleAsync();
            person.PreferredLanguage = Language.Fi;
            TrainingSession NewSession(string title, int days) => new() { Kind = SessionKind.OkrBasics, Title = title, Language = Language.Fi, Mode = SessionMode.InPerson, Room = "Neuvotteluhuone Aalto", StartUtc = factory.NowUtc.AddDays(days), DurationMinutes = 90, Capacity = 20 };
            var invitedTo = NewSession("", 3);
            var trains = NewSession("Avainlukutyöpaja", 5);
            var declined = NewSession("Kieltäydytty", 6);
            db.TrainingSessions.AddRange(invitedTo, trains, declined);
            await db.SaveChangesAsync();
            db.Enrollments.Add(new Enrollment { SessionId = invitedTo.Id, PersonId = person.Id, State = EnrollmentState.Invited, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc });
            db.Enrollments.Add(new Enrollment { SessionId = declined.Id, PersonId = person.Id, State = EnrollmentState.Declined, ResponseTokenHash = "", CreatedAtUtc = factory.NowUtc, ChangedAtUtc = factory.NowUtc });
            db.SessionTrainers.Add(new SessionTrainer { SessionId = trains.Id, PersonId = person.Id });
            await db.SaveChangesAsync();
            return (person.Id, invitedTo.CalendarUid, trains.CalendarUid, declined.CalendarUid);
        });
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var mine = await member.GetAsync("/Training/Mine");
        var page = await member.GetAsync(mine.QuerySelector<IHtmlAnchorElement>("#calendar-subscription")!.PathName);
        Assert.Equal("You have no calendar address.", page.QuerySelector("#feed-state")!.TextContent);

        var made = await member.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[action*='handler=Renew']")!);
        var address = new Uri(made.QuerySelector<IHtmlInputElement>("#feed-address")!.Value);
        using var calendarApp = factory.CreateRawClient();
        using var response = await calendarApp.GetAsync(address.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Null(calendar.Method);
        var events = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.Equal("OKR:n perusteet", events[invitedTo].Summary);
        Assert.Equal("Avainlukutyöpaja (koulutat)", events[trains].Summary);
        Assert.Equal("Neuvotteluhuone Aalto", events[trains].Location);
        Assert.False(events.ContainsKey(declined));

        // The session is cancelled: the next read says so, and the page shows the subscription was read.
        await factory.WithDbAsync(async db =>
        {
            foreach (var session in await db.TrainingSessions.Where(s => s.Title == "Avainlukutyöpaja" || s.Enrollments.Any(e => e.PersonId == personId && e.State == EnrollmentState.Invited)).ToListAsync())
            {
                session.Status = SessionStatus.Cancelled;
                session.Sequence = 1;
            }
            // As cancelling a session does to its roster.
            await db.Enrollments.Where(e => e.PersonId == personId && e.State == EnrollmentState.Invited).ExecuteUpdateAsync(u => u.SetProperty(e => e.State, EnrollmentState.Cancelled));
            return await db.SaveChangesAsync();
        });
        var again = Ical.Net.Calendar.Load(await calendarApp.GetStringAsync(address.PathAndQuery))!;
        var cancelled = again.Events.Single(e => e.Uid == trains);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(1, cancelled.Sequence);
        Assert.Equal("CANCELLED", again.Events.Single(e => e.Uid == invitedTo).Status);
        Assert.StartsWith("You have a calendar address since", (await member.GetAsync("/Training/Calendar")).QuerySelector("#feed-state")!.TextContent);
        Assert.Contains("A calendar last read it on", (await member.GetAsync("/Training/Calendar")).QuerySelector("#feed-state")!.TextContent);

        // A new address: the old one stops working at once.
        var renewed = await member.SubmitAsync((await member.GetAsync("/Training/Calendar")).QuerySelector<IHtmlFormElement>("form[action*='handler=Renew']")!);
        var newAddress = new Uri(renewed.QuerySelector<IHtmlInputElement>("#feed-address")!.Value);
        Assert.NotEqual(address, newAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(address.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(newAddress.PathAndQuery)).StatusCode);

        // Someone who leaves: their address stops at once.
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false)));
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(newAddress.PathAndQuery)).StatusCode);
        await factory.WithDbAsync(db => db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, true)));

        var off = await member.SubmitAsync((await member.GetAsync("/Training/Calendar")).QuerySelector<IHtmlFormElement>("form[action*='handler=TurnOff']")!);
        Assert.Equal("Your calendar address is turned off; calendars that read it get nothing more.", off.QuerySelector(".status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(newAddress.PathAndQuery)).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.CalendarFeeds.CountAsync(f => f.PersonId == personId)));
    }
}

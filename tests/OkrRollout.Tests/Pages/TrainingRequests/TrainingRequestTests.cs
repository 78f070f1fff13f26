using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Pages.TrainingRequests;

public class TrainingRequestTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_team_asks_the_ambassador_declines_with_a_reason_and_the_team_sees_it()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var page = await member.GetAsync("/TrainingRequests");
        Assert.Empty(page.QuerySelectorAll("#requests tbody tr"));
        Assert.Equal(await factory.WithDbAsync(db => db.People.Where(p => p.Email == DemoUsers.Member).Select(p => p.UnitId.ToString()).SingleAsync()),
            page.QuerySelector<IHtmlSelectElement>("#Input_UnitId")!.Value);

        var sent = await member.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#request-form")!, new() { ["Input.Message"] = "Could we practise weekly check-ins together?" });

        Assert.Equal("Your request was sent to the OKR ambassadors.", sent.QuerySelector(".status")!.TextContent);
        var mine = sent.QuerySelectorAll("#requests tbody tr").Single();
        Assert.Contains("Open", mine.TextContent);

        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var all = await ambassador.GetAsync("/TrainingRequests");
        Assert.True(all.QuerySelectorAll("#requests tbody tr").Length > 1, "the ambassador sees every team's requests");
        var requestId = mine.GetAttribute("data-request-id")!;
        var declineForm = all.QuerySelector<IHtmlFormElement>($"tr[data-request-id='{requestId}'] form")!;

        var noReason = await ambassador.SubmitAsync(declineForm, new() { ["DeclineReason"] = " " });
        Assert.Equal("Tell the team why.", noReason.QuerySelector($"[data-valmsg-for='DeclineReason-{requestId}']")!.TextContent);
        Assert.Equal(TrainingRequestStatus.Open, await factory.WithDbAsync(db => db.TrainingRequests.Where(r => r.Id == int.Parse(requestId)).Select(r => r.Status).SingleAsync()));

        var tooLong = await ambassador.SubmitAsync(noReason.QuerySelector<IHtmlFormElement>($"tr[data-request-id='{requestId}'] form")!, new() { ["DeclineReason"] = new string('x', 1001) });
        Assert.Equal("The text can be at most 1000 characters long.", tooLong.QuerySelector($"[data-valmsg-for='DeclineReason-{requestId}']")!.TextContent);
        Assert.Equal(TrainingRequestStatus.Open, await factory.WithDbAsync(db => db.TrainingRequests.Where(r => r.Id == int.Parse(requestId)).Select(r => r.Status).SingleAsync()));

        await ambassador.SubmitAsync(tooLong.QuerySelector<IHtmlFormElement>($"tr[data-request-id='{requestId}'] form")!, new() { ["DeclineReason"] = "Join the check-in practice session on 3 December instead." });

        var outcome = await member.GetAsync("/TrainingRequests");
        var row = outcome.QuerySelectorAll("#requests tbody tr").Single();
        Assert.Contains("Declined", row.TextContent);
        Assert.Equal("Join the check-in practice session on 3 December instead.", row.QuerySelector(".decline-reason")!.TextContent);
        Assert.Null(row.QuerySelector("form"));
    }

    [Fact]
    public async Task A_team_asks_for_a_kind_of_session_and_the_ambassador_sees_it()
    {
        var email = await factory.WithDbAsync(db => db.People.Where(p => p.IsActive).OrderBy(p => p.Id).Skip(77).Select(p => p.Email).FirstAsync());
        await factory.CreateSignInAsync(email);
        using var member = await PageSession.SignInAsync(factory, email);
        var page = await member.GetAsync("/TrainingRequests");

        await member.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#request-form")!, new() { ["Input.Kind"] = "KeyResultWorkshop", ["Input.Message"] = "Our key results are tasks" });

        var request = await factory.WithDbAsync(db => db.TrainingRequests.OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal((SessionKind.KeyResultWorkshop, "Our key results are tasks"), (request.Kind, request.Message));
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        Assert.Contains("Key result workshop", (await ambassador.GetAsync("/TrainingRequests")).QuerySelector($"tr[data-request-id='{request.Id}']")!.TextContent);
    }

    [Fact]
    public async Task A_member_cannot_decline_a_request()
    {
        using var member = await PageSession.SignInAsync(factory, DemoUsers.Member);
        var requestId = await factory.WithDbAsync(db => db.TrainingRequests.Where(r => r.Status == TrainingRequestStatus.Open).Select(r => r.Id).FirstAsync());
        var token = PageSession.HtmxAntiforgeryToken(await member.GetAsync("/TrainingRequests"));

        using var response = await member.HtmxPostAsync($"/TrainingRequests?handler=Decline&requestId={requestId}", new() { ["DeclineReason"] = "no" }, token);

        Assert.Contains("/Account/AccessDenied", response.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(TrainingRequestStatus.Open, await factory.WithDbAsync(db => db.TrainingRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
    }
}

public class TrainingRequestSchedulingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Scheduling_a_session_for_a_request_marks_it_scheduled_and_the_requester_sees_the_session()
    {
        var request = await factory.WithDbAsync(db => db.TrainingRequests.Include(r => r.RequestedBy).FirstAsync(r => r.Status == TrainingRequestStatus.Open));
        await factory.CreateSignInAsync(request.RequestedBy.Email);
        using var ambassador = await PageSession.SignInAsync(factory, DemoUsers.Ambassador);
        var requests = await ambassador.GetAsync("/TrainingRequests");
        var schedule = requests.QuerySelector($"tr[data-request-id='{request.Id}'] a.button")!.GetAttribute("href")!;
        await factory.WithDbAsync(db => db.TrainingRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Kind, SessionKind.CheckInPractice)));
        var scheduling = await ambassador.GetAsync(schedule);
        // The session starts as the team asked: its kind and language.
        Assert.Equal("CheckInPractice", scheduling.QuerySelector<IHtmlSelectElement>("#Input_Kind")!.Value);
        var form = scheduling.QuerySelector<IHtmlFormElement>("main form")!;

        var session = await ambassador.SubmitAsync(form, new() { ["Input.Room"] = "Team room" });

        Assert.Contains("Team training request", session.QuerySelector(".facts")!.TextContent);
        Assert.Equal(TrainingRequestStatus.Scheduled, await factory.WithDbAsync(db => db.TrainingRequests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
        using var requester = await PageSession.SignInAsync(factory, request.RequestedBy.Email);
        var row = (await requester.GetAsync("/TrainingRequests")).QuerySelector($"tr[data-request-id='{request.Id}']")!;
        Assert.Contains("Scheduled", row.TextContent);
        Assert.NotNull(row.QuerySelector(".request-session a"));
        // The requester is told, in their language, with a link to the session.
        var told = await factory.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientEmail == request.RequestedBy.Email && m.Template == nameof(OkrRollout.Web.Email.EmailTemplate.TrainingRequestScheduled)));
        Assert.Contains("Team room", told.TextBody);
        Assert.Contains("/Training/Sessions/Details/", factory.AsSent(told.TextBody));
        Assert.StartsWith(request.RequestedBy.PreferredLanguage == Language.Fi ? "Tiimisi koulutus on sovittu" : "Your team's training is scheduled", told.Subject);
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OkrRollout.Tests.Browser;

/// <summary>
/// Proemion's story on a fresh production install: 150 people, a pilot of five leads picked by hand
/// and trained in a session held before the tool was set up, then every other lead in rollout groups
/// of six, and a team asking for training of its own.
/// </summary>
public class ProemionJourneyTests(NewCustomerInstall install) : IClassFixture<NewCustomerInstall>
{
    private const string Ambassador = "okr.ambassador@proemion.example";
    private const string Password = "Proemion-Pilot-2027";
    private static readonly string[] Units = ["Proemion/Engineering", "Proemion/Sales", "Proemion/Operations"];

    /// <summary>150 people, the first 25 of them leads, and the ambassador, who is in the directory too.</summary>
    private static (string Email, string Name, string Unit, bool Lead) Person(int i) =>
        ($"p{i:000}@proemion.example", $"Mitarbeiter {i:000}", Units[i % 3], i <= 25);

    private static byte[] HrExport() => Encoding.UTF8.GetBytes("email;name;unit;lead;language\r\n"
        + string.Concat(Enumerable.Range(1, 150).Select(Person).Select(p => $"{p.Email};{p.Name};{p.Unit};{(p.Lead ? "yes" : "no")};en\r\n"))
        + $"{Ambassador};Kathrin Botschafterin;Proemion/Operations;no;en\r\n");

    [Fact]
    public async Task A_pilot_of_five_leads_trained_before_the_tool_then_the_other_leads_in_groups_of_six_and_a_team_asks_for_training()
    {
        var page = await install.NewPageAsync();
        await page.GotoAsync("/Account/Setup");
        await page.FillAsync("#Input_Email", Ambassador);
        await page.FillAsync("#Input_Password", Password);
        await page.FillAsync("#Input_ConfirmPassword", Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.GotoAsync("/People/Import");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "proemion.csv", MimeType = "text/csv", Buffer = HrExport() });
        await page.ClickAsync("main form button[type=submit]");
        await page.ClickAsync("button[formaction*='handler=Confirm']");
        await Assertions.Expect(page.Locator("#import-done")).ToHaveTextAsync("Import finished: 151 added, 0 updated, 0 deactivated.", new() { Timeout = 30_000 });

        await page.GotoAsync("/Programmes/Edit");
        await page.FillAsync("#Input_Name", "Proemion OKRs");
        await page.FillAsync("#Input_Why", "Poor alignment between the different groups.");
        await page.ClickAsync("main form button[type=submit]");
        var programmeUrl = page.Url;
        async Task NewWaveAsync(string name, string kind, string start)
        {
            await page.GotoAsync(programmeUrl);
            await page.ClickAsync("a[href^='/Waves/Edit?programmeId=']");
            await page.FillAsync("#Input_Name", name);
            await page.SelectOptionAsync("#Input_Kind", kind);
            await page.FillAsync("#Input_PlannedStart", start);
            await page.FillAsync("#Input_PlannedEnd", DateOnly.Parse(start).AddDays(40).ToString("yyyy-MM-dd"));
            await page.FillAsync("#Input_ActualStart", start);
            await page.ClickAsync("main form button[type=submit]");
            await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(name);
        }

        // The pilot: five high performers on the lead level, picked by hand, trained last month.
        await NewWaveAsync("Pilot", "Pilot", "2027-02-01");
        var pilot = Enumerable.Range(1, 5).Select(Person).ToList();
        await page.FillAsync("#Add_Emails", string.Join("\n", pilot.Select(p => p.Email)));
        await page.ClickAsync("#add-members-form button[type=submit]");
        await Assertions.Expect(page.Locator("#member-count")).ToHaveTextAsync("5");
        await page.GotoAsync("/Training/Sessions/Edit");
        await page.FillAsync("#Input_Title", "Pilot: OKR basics with the five");
        await page.SelectOptionAsync("#Input_Mode", "InPerson");
        await page.FillAsync("#Input_Room", "Board room");
        await page.FillAsync("#Input_Start", "2027-02-03T10:00");
        await page.CheckAsync("#Input_HeldAlready");
        await page.SelectOptionAsync("#Input_WaveId", new SelectOptionValue { Label = "Pilot" });
        await page.ClickAsync("main form button[type=submit]");
        await page.FillAsync("#WalkInEmail", string.Join("\n", pilot.Select(p => p.Email)));
        await page.ClickAsync("#walk-in-form button[type=submit]");
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("Attended: 5.");

        // Then every other lead, in rollout groups of six.
        await NewWaveAsync("Leads", "Wave", "2027-02-22");
        await page.SelectOptionAsync("#Add_UnitId", new SelectOptionValue { Label = "Proemion" });
        await page.CheckAsync("#Add_LeadsOnly");
        await page.ClickAsync("#add-members-form button[type=submit]");
        await Assertions.Expect(page.Locator("main .status")).ToHaveTextAsync("People added: 20. Already in this wave: 0. In another wave of this programme, so left there: 5.");
        await page.FillAsync("#GroupSize", "6");
        await page.ClickAsync("#split-form button[type=submit]");
        await Assertions.Expect(page.Locator("#groups tbody tr")).ToHaveCountAsync(4);
        // Groups are filtered by a click on their name, without a reload.
        await page.ClickAsync("#groups tbody tr:first-child td:first-child a");
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(int.Parse((await page.Locator("#groups tbody tr:first-child td:nth-child(2)").InnerTextAsync()).Split(" / ")[0]));

        // The pilot's wave is all trained on the dashboard, from the session's own date.
        await page.GotoAsync("/Dashboard");
        await Assertions.Expect(page.Locator("#wave-comparison thead th")).ToHaveTextAsync(["Week", "Pilot", "Leads"]);
        await Assertions.Expect(page.Locator("#wave-comparison tbody tr").First.Locator("td").Nth(1)).ToHaveTextAsync("100%");

        // A team asks for a training of its own; the ambassador's home says so.
        await page.GotoAsync("/TrainingRequests");
        await page.SelectOptionAsync("#Input_UnitId", new SelectOptionValue { Label = "Proemion/Sales" });
        await page.FillAsync("#Input_Message", "Our team would like the basics together.");
        await page.ClickAsync("#request-form button[type=submit]");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#agenda-requests")).ToHaveTextAsync("Open training requests: 1");
        Assert.Equal(5, await install.App.WithDbAsync(db => db.Enrollments.CountAsync(e => e.State == Web.Domain.EnrollmentState.Attended)));
    }
}

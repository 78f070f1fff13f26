using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OkrRollout.Tests.Browser;

/// <summary>
/// VTT's story on a fresh production install: 2,200 people in four divisions, 60 % of them Finnish
/// speakers, a pilot of the leads and a first wave of a whole division, trained in both languages.
/// </summary>
public class VttJourneyTests(NewCustomerInstall install) : IClassFixture<NewCustomerInstall>
{
    private const string Ambassador = "okr.ambassador@vtt.example";
    private const string Password = "Vtt-Four-Waves-2027";
    private const int People = 2200;
    private static readonly string[] Divisions = ["Digital", "Energy", "Health", "Materials"];

    private static (string Email, string Name, string Unit, bool Lead, string Language) Person(int i) =>
        ($"person{i:0000}@vtt.example", $"Person {i:0000} Tutkija", $"VTT/{Divisions[(i - 1) % 4]}/Team {(i - 1) / 4 % 5 + 1}", i <= 20, i % 5 < 3 ? "fi" : "en");

    private static byte[] HrExport() => Encoding.UTF8.GetBytes("email;name;unit;lead;language\r\n"
        + string.Concat(Enumerable.Range(1, People).Select(Person).Select(p => $"{p.Email};{p.Name};{p.Unit};{(p.Lead ? "yes" : "no")};{p.Language}\r\n")));

    [Fact]
    public async Task An_ambassador_pilots_with_the_leads_then_invites_a_division_of_545_to_sessions_in_both_languages_and_finds_anyone_in_it()
    {
        var page = await install.NewPageAsync();
        await page.GotoAsync("/Account/Setup");
        await page.FillAsync("#Input_Email", Ambassador);
        await page.FillAsync("#Input_Password", Password);
        await page.FillAsync("#Input_ConfirmPassword", Password);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator(".whoami")).ToHaveTextAsync(Ambassador);

        await page.GotoAsync("/People/Import");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "vtt-hr.csv", MimeType = "text/csv", Buffer = HrExport() });
        await page.ClickAsync("main form button[type=submit]");
        await page.ClickAsync("button[formaction*='handler=Confirm']");
        await Assertions.Expect(page.Locator("#import-done")).ToHaveTextAsync($"Import finished: {People:N0} added, 0 updated, 0 deactivated.", new() { Timeout = 60_000 });

        await page.GotoAsync("/Programmes/Edit");
        await page.FillAsync("#Input_Name", "VTT OKR roll-out");
        await page.ClickAsync("main form button[type=submit]");
        var programmeUrl = page.Url;
        async Task<string> WaveAsync(string name, string kind, string start, string unit, bool leadsOnly)
        {
            await page.GotoAsync(programmeUrl);
            await page.ClickAsync("a[href^='/Waves/Edit?programmeId=']");
            await page.FillAsync("#Input_Name", name);
            await page.SelectOptionAsync("#Input_Kind", kind);
            await page.FillAsync("#Input_PlannedStart", start);
            await page.FillAsync("#Input_PlannedEnd", DateOnly.Parse(start).AddDays(60).ToString("yyyy-MM-dd"));
            await page.FillAsync("#Input_ActualStart", start);
            await page.ClickAsync("main form button[type=submit]");
            await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(name);
            await page.SelectOptionAsync("#Add_UnitId", new SelectOptionValue { Label = unit });
            if (leadsOnly)
            {
                await page.CheckAsync("#Add_LeadsOnly");
            }
            await page.ClickAsync("#add-members-form button[type=submit]");
            return page.Url;
        }
        await WaveAsync("Pilot: the leads", "Pilot", "2027-01-11", "VTT", leadsOnly: true);
        await Assertions.Expect(page.Locator("#member-count")).ToHaveTextAsync("20");
        var waveUrl = await WaveAsync("Wave 1: Digital", "Wave", "2027-02-22", "\u00A0\u00A0\u00A0Digital", leadsOnly: false);
        var digital = Enumerable.Range(21, People - 20).Select(Person).Where(p => p.Unit.StartsWith("VTT/Digital/")).ToList();
        await Assertions.Expect(page.Locator("main .status")).ToHaveTextAsync($"People added: {digital.Count}. Already in this wave: 0. In another wave of this programme, so left there: 5.");

        // 545 members: a page at a time, and anyone found by typing.
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator(".pager span")).ToHaveTextAsync($"Page 1 of {(digital.Count + 49) / 50}");
        var someone = digital[^1];
        await page.FillAsync("#List_Q", someone.Email);
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#members tbody tr td").Nth(1)).ToHaveTextAsync(someone.Name);
        await page.FillAsync("#GroupSize", "20");
        await page.ClickAsync("#split-form button[type=submit]");
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("The wave was split into rollout groups.");

        // Sessions in both languages, enough places for everyone, then the whole division invited at once.
        var finns = digital.Count(p => p.Language == "fi");
        foreach (var (language, capacity, day) in new[] { ("Fi", finns - 100, "2027-03-02T09:00"), ("Fi", 100, "2027-03-04T09:00"), ("En", digital.Count - finns, "2027-03-03T13:00") })
        {
            await page.GotoAsync("/Training/Sessions/Edit");
            await page.SelectOptionAsync("#Input_Kind", "OkrBasics");
            await page.SelectOptionAsync("#Input_Language", language);
            await page.SelectOptionAsync("#Input_Mode", "InPerson");
            await page.FillAsync("#Input_Room", "Auditorium, Espoo");
            await page.FillAsync("#Input_Start", day);
            await page.FillAsync("#Input_DurationMinutes", "120");
            await page.FillAsync("#Input_Capacity", capacity.ToString());
            await page.SelectOptionAsync("#Input_WaveId", new SelectOptionValue { Label = "Wave 1: Digital" });
            await page.ClickAsync("main form button[type=submit]");
            await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("OKR basics");
        }
        await page.GotoAsync(waveUrl);
        await page.ClickAsync("#invite-to-training");
        await Assertions.Expect(page.Locator("#wave-languages")).ToHaveTextAsync($"Active members: Finnish {finns}, English {digital.Count - finns}.");
        foreach (var box in await page.Locator("#wave-sessions input[type=checkbox]").AllAsync())
        {
            await box.CheckAsync();
        }
        await page.ClickAsync("#wave-training-form button[type=submit]");
        await Assertions.Expect(page.Locator("#placement-invited")).ToHaveTextAsync($"{digital.Count} invited.", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#placement-no-place")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#wave-sessions td.free")).ToHaveTextAsync(["0 / " + (finns - 100), "0 / " + (digital.Count - finns), "0 / 100"]);
        Assert.Equal(digital.Count, await install.App.WithDbAsync(db => db.Enrollments.CountAsync(e => e.Session.Language == e.Person.PreferredLanguage)));

        // The dashboard compares the two started waves from the first day.
        await page.GotoAsync("/Dashboard");
        await Assertions.Expect(page.Locator("#compare-form input[name=compare]")).ToHaveCountAsync(2);
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace OkrRollout.Tests.Browser;

/// <summary>
/// Kela's story on a fresh production install, in Finnish: a pilot of many people, most of them Finnish
/// speakers, trained in both languages. The ambassador follows the home page's first steps, imports the
/// HR export, puts everyone in the pilot and invites the whole wave to a Finnish and an English session in one action.
/// </summary>
public class KelaJourneyTests(NewCustomerInstall install) : IClassFixture<NewCustomerInstall>
{
    private const string Ambassador = "okr.lahettilas@kela.example";
    private const string Password = "Kela-Pilotti-2027";

    /// <summary>40 people in two units: 30 prefer Finnish, 10 English.</summary>
    private static byte[] HrExport()
    {
        var rows = new StringBuilder("email;name;unit;lead;language\r\n");
        for (var i = 1; i <= 40; i++)
        {
            var unit = i % 2 == 0 ? "Kela/Etuuspalvelut" : "Kela/Tietotekniikka";
            rows.Append($"henkilo{i:00}@kela.example;Henkilö {i:00} Kelalainen;{unit};{(i <= 2 ? "yes" : "no")};{(i <= 30 ? "fi" : "en")}\r\n");
        }
        return Encoding.UTF8.GetBytes(rows.ToString());
    }

    [Fact]
    public async Task An_ambassador_in_finnish_follows_the_first_steps_and_invites_the_pilot_to_a_session_in_each_language_at_once()
    {
        var page = await install.NewPageAsync("fi-FI");
        await page.GotoAsync("/Account/Setup");
        await page.FillAsync("#Input_Email", Ambassador);
        await page.FillAsync("#Input_Password", Password);
        await page.FillAsync("#Input_ConfirmPassword", Password);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator(".whoami")).ToHaveTextAsync(Ambassador);

        // The empty install's home: the first steps, none done.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#first-run h2")).ToHaveTextAsync("Näin pääset alkuun");
        await Assertions.Expect(page.Locator("#first-run li.done")).ToHaveCountAsync(0);
        await page.ClickAsync("#step-people a");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "kela-hr.csv", MimeType = "text/csv", Buffer = HrExport() });
        await page.ClickAsync("main form button[type=submit]");
        await page.ClickAsync("button[formaction*='handler=Confirm']");
        await Assertions.Expect(page.Locator("#import-done")).ToContainTextAsync("40", new() { Timeout = 30_000 });

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#first-run li.done")).ToHaveCountAsync(1);
        await page.ClickAsync("#step-programme a");
        await page.FillAsync("#Input_Name", "Kelan OKR-käyttöönotto");
        await page.FillAsync("#Input_WhyFi", "Tavoitteet näkyviin koko talolle.");
        await page.ClickAsync("main form button[type=submit]");
        await page.ClickAsync("a[href^='/Waves/Edit?programmeId=']");
        await page.FillAsync("#Input_Name", "Pilotti");
        await page.SelectOptionAsync("#Input_Kind", "Pilot");
        await page.FillAsync("#Input_PlannedStart", "2027-03-01");
        await page.FillAsync("#Input_PlannedEnd", "2027-06-30");
        await page.FillAsync("#Input_ActualStart", "2027-03-01");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Pilotti");
        await page.SelectOptionAsync("#Add_UnitId", new SelectOptionValue { Label = "Kela" });
        await page.ClickAsync("#add-members-form button[type=submit]");
        await Assertions.Expect(page.Locator("#member-count")).ToHaveTextAsync("40");
        var waveUrl = page.Url;

        // One Finnish session with room for 25, one English with room for 5.
        foreach (var (language, capacity) in new[] { ("Fi", "25"), ("En", "5") })
        {
            await page.GotoAsync("/Training/Sessions/Edit");
            await page.SelectOptionAsync("#Input_Kind", "OkrBasics");
            await page.SelectOptionAsync("#Input_Language", language);
            await page.SelectOptionAsync("#Input_Mode", "Online");
            await page.FillAsync("#Input_Link", "https://teams.kela.example/okr");
            await page.FillAsync("#Input_Start", "2027-03-03T10:00");
            await page.FillAsync("#Input_DurationMinutes", "90");
            await page.FillAsync("#Input_Capacity", capacity);
            await page.SelectOptionAsync("#Input_WaveId", new SelectOptionValue { Label = "Pilotti" });
            await page.ClickAsync("main form button[type=submit]");
            await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("OKR:n perusteet");
        }

        await page.GotoAsync(waveUrl);
        await page.ClickAsync("#invite-to-training");
        await Assertions.Expect(page.Locator("#wave-languages")).ToHaveTextAsync("Aktiivisia jäseniä: suomi 30, englanti 10.");
        foreach (var box in await page.Locator("#wave-sessions input[type=checkbox]").AllAsync())
        {
            await box.CheckAsync();
        }
        await page.ClickAsync("#wave-training-form button[type=submit]");
        await Assertions.Expect(page.Locator("#placement-invited")).ToHaveTextAsync("30 kutsuttu.");
        await Assertions.Expect(page.Locator("#placement-no-place")).ToContainTextAsync("Vapaita paikkoja ei riittänyt: suomi 5, englanti 5.");
        Assert.Equal(30, await install.App.WithDbAsync(db => db.Enrollments.CountAsync(e => e.Session.Language == e.Person.PreferredLanguage)));

        // Every first step is done, so home shows only what needs the ambassador: this week's sessions.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#first-run")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#agenda-this-week")).ToContainTextAsync("Tämän viikon koulutuksia, joissa on vapaita paikkoja tai jonoa: 2");
    }
}

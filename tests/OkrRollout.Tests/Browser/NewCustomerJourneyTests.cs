using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using OkrRollout.Web.Email;

namespace OkrRollout.Tests.Browser;

/// <summary>
/// A production install of a new customer, Kaleva Works: no demo, mail set up for the organisation and
/// sent over SMTP to a real SMTP server process, the app on a loopback port with a browser of its own.
/// The app's clock starts on a fixed Monday and moves only when the test moves it.
/// </summary>
public sealed class NewCustomerInstall : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://okr.kaleva.example";
    public static readonly DateTimeOffset FirstMonday = TestClock.At(new DateOnly(2027, 3, 1), new TimeOnly(9, 0));

    private readonly HashSet<string> _read = [];
    private IPlaywright? _playwright;

    public InstallFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "localhost").Replace("127.0.0.1", "localhost");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = !Debugger.IsAttached,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with one page.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Sends what the outbox holds, as the scheduler would, and reads the one new message the SMTP server saved for the address.</summary>
    public async Task<MimeMessage> DispatchAndReceiveAsync(string address)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
            Assert.Equal((1, 0), (result.Sent, result.Failed));
        }
        // The server saves a message before it answers 250; the wait only covers a slow file system.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var arrived = Directory.EnumerateFiles(App.Smtp.MailDirectory, "*.eml").Where(f => !_read.Contains(f))
                .Select(f => (File: f, Message: Mime.Parse(File.ReadAllText(f, Encoding.UTF8))))
                .Where(m => m.Message.To.Mailboxes.Any(to => to.Address == address)).ToList();
            if (arrived.Count > 0 || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                var (file, message) = Assert.Single(arrived);
                _read.Add(file);
                return message;
            }
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    public sealed class InstallFactory : AppFactory
    {
        public SmtpServer Smtp { get; } = new();

        public InstallFactory()
        {
            Settings["Seed:Demo"] = "false";
            Settings["Email:Transport"] = "Smtp";
            Settings["Email:SmtpHost"] = "127.0.0.1";
            Settings["Email:SmtpPort"] = Smtp.Port.ToString();
            Settings["Email:SmtpTimeoutSeconds"] = "5";
            Settings["Email:OrganisationName"] = "Kaleva Works";
            Settings["Email:From"] = "okr@kaleva.example";
            Settings["Email:PublicBaseUrl"] = PublicBaseUrl;
            StartClockAt(FirstMonday);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Smtp.Dispose();
        }
    }
}

public partial class NewCustomerJourneyTests(NewCustomerInstall install) : IClassFixture<NewCustomerInstall>
{
    private const string AdminEmail = "it.admin@kaleva.example";
    private const string AdminPassword = "Kaleva-Works-2027";
    private const string Sponsor = "aino.virtanen@kaleva.example";
    private const string Lead = "oliver.grant@kaleva.example";
    private const string LeadUnit = "Kaleva Works/Engineering";

    [GeneratedRegex(@"https://okr\.kaleva\.example(/Account/Link/[A-Za-z0-9_-]+)")]
    private static partial Regex LinkInMail();

    /// <summary>An HR export of 24 people in three units: the sponsor leads Management (and speaks Finnish), the team lead leads Engineering.</summary>
    private static readonly (string Email, string Name, string Unit, bool Lead, string Language, string? Manager)[] People = BuildPeople();

    private static (string, string, string, bool, string, string?)[] BuildPeople()
    {
        var rows = new List<(string, string, string, bool, string, string?)>
        {
            (Sponsor, "Aino Virtanen", "Kaleva Works/Management", true, "fi", null),
            ("pekka.laine@kaleva.example", "Pekka Laine", "Kaleva Works/Sales", true, "fi", Sponsor),
            (Lead, "Oliver Grant", LeadUnit, true, "en", Sponsor),
        };
        string[] first = ["Emma", "Mikko", "Sofia", "Juho", "Hanna", "Ville", "Laura", "Antti", "Sara", "Timo", "Elina", "Jussi", "Kaisa", "Markus", "Noora", "Petri", "Riikka", "Samuli", "Tiina", "Ulla", "Veera"];
        string[] last = ["Korhonen", "Nieminen", "Mäkinen", "Hämäläinen", "Koskinen", "Heikkinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Lindholm"];
        string[] units = ["Kaleva Works/Management", "Kaleva Works/Sales", LeadUnit];
        string[] managers = [Sponsor, "pekka.laine@kaleva.example", Lead];
        for (var i = 0; i < first.Length; i++)
        {
            var name = $"{first[i]} {last[i % last.Length]}";
            var email = $"{first[i].ToLowerInvariant()}.{last[i % last.Length].ToLowerInvariant().Replace('ä', 'a')}@kaleva.example";
            rows.Add((email, name, units[i % 3], false, i % 2 == 0 ? "fi" : "en", managers[i % 3]));
        }
        return [.. rows];
    }

    private static byte[] HrExport() => Encoding.UTF8.GetBytes(
        "email;name;unit;lead;language;manager_email\r\n"
        + string.Concat(People.Select(p => $"{p.Email};{p.Name};{p.Unit};{(p.Lead ? "yes" : "no")};{p.Language};{p.Manager}\r\n")));

    private static string PathOfLinkIn(MimeMessage mail)
    {
        var text = mail.TextBody ?? "";
        var match = LinkInMail().Match(text);
        Assert.True(match.Success, "no sign-in link in: " + text);
        return match.Groups[1].Value;
    }

    private static async Task UseLinkAsync(IPage page, string path, string welcome)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(welcome);
        await page.ClickAsync("#use-link");
        await page.WaitForSelectorAsync(".whoami");
    }

    private static async Task CheckInAsync(IPage page, int unitId, string value, string confidence, string note)
    {
        await page.GotoAsync($"/Okr/Teams/{unitId}");
        await page.FillAsync("#check-in-form tbody tr:nth-child(1) input[name$='.Value']", value);
        await page.FillAsync("#check-in-form tbody tr:nth-child(1) input[name$='.Confidence']", confidence);
        await page.FillAsync("#check-in-form tbody tr:nth-child(1) input[name$='.Note']", note);
        await page.ClickAsync("#check-in-form button[type=submit]");
        await Assertions.Expect(page.Locator("#check-in-saved")).ToHaveTextAsync("Checked in 1 key result(s).");
    }

    [Fact]
    public async Task A_new_customer_sets_up_imports_its_people_invites_a_sponsor_and_a_team_lead_who_come_back_by_e_mailed_link_until_they_are_deactivated()
    {
        // 1. The first administrator of a fresh production install.
        var admin = await install.NewPageAsync();
        await admin.GotoAsync("/");
        Assert.Equal("/Account/SignIn", new Uri(admin.Url).AbsolutePath);
        await admin.ClickAsync("a[href='/Account/Setup']");
        await admin.FillAsync("#Input_Email", AdminEmail);
        await admin.FillAsync("#Input_Password", AdminPassword);
        await admin.FillAsync("#Input_ConfirmPassword", AdminPassword);
        await admin.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(admin.Locator(".whoami")).ToHaveTextAsync(AdminEmail);
        await Assertions.Expect(admin.Locator("#mail-settings-warning")).ToHaveCountAsync(0);

        // 2. The HR export, checked and imported.
        await admin.GotoAsync("/People/Import");
        await admin.SetInputFilesAsync("#Upload", new FilePayload { Name = "kaleva-hr-export.csv", MimeType = "text/csv", Buffer = HrExport() });
        await admin.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(admin.Locator("#import-summary [data-count=added]")).ToHaveTextAsync(People.Length.ToString());
        await Assertions.Expect(admin.Locator("#import-summary [data-count=units]")).ToHaveTextAsync("4");
        await admin.ClickAsync("button[formaction*='handler=Confirm']");
        await Assertions.Expect(admin.Locator("#import-done")).ToHaveTextAsync($"Import finished: {People.Length} added, 0 updated, 0 deactivated.", new() { Timeout = 30_000 });

        // The roll-out programme and the OKR calendar, so that the dashboard has a programme and the team a period.
        await admin.GotoAsync("/Programmes/Edit");
        await admin.FillAsync("#Input_Name", "Kaleva OKR roll-out");
        await admin.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(admin.Locator("main h1")).ToContainTextAsync("Kaleva OKR roll-out");
        await admin.ClickAsync("a[href^='/Waves/Edit?programmeId=']");
        await admin.FillAsync("#Input_Name", "Pilot");
        await admin.SelectOptionAsync("#Input_Kind", "Pilot");
        await admin.FillAsync("#Input_PlannedStart", "2027-03-01");
        await admin.FillAsync("#Input_PlannedEnd", "2027-05-31");
        await admin.FillAsync("#Input_ActualStart", "2027-03-01");
        await admin.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(admin.Locator("main h1")).ToContainTextAsync("Pilot");
        await admin.SelectOptionAsync("#Add_UnitId", new SelectOptionValue { Label = "Kaleva Works" });
        await admin.ClickAsync("#add-members-form button[type=submit]");
        await Assertions.Expect(admin.Locator("main .status")).ToHaveTextAsync($"People added: {People.Length}. Already in this wave: 0. In another wave of this programme, so left there: 0.");
        await admin.GotoAsync("/Okr/Periods");
        await admin.FillAsync("#cycle-name", "2027");
        await admin.FillAsync("#cycle-start", "2027-01-01");
        await admin.FillAsync("#cycle-end", "2027-12-31");
        await admin.ClickAsync("#add-cycle-form button[type=submit]");
        await Assertions.Expect(admin.Locator("section.cycle h2")).ToContainTextAsync("2027");
        await admin.FillAsync("#period-name", "Q1 2027");
        await admin.FillAsync("#period-start", "2027-01-01");
        await admin.FillAsync("#period-end", "2027-03-31");
        await admin.ClickAsync("#add-period-form button[type=submit]");
        await Assertions.Expect(admin.Locator("table.periods tbody tr td").First).ToHaveTextAsync("Q1 2027");

        // 3. The sponsor becomes a Leader and gets a sign-in link.
        await admin.GotoAsync("/Users");
        await admin.FillAsync("#q", "Aino");
        await admin.ClickAsync("#users-filter button[type=submit]");
        var sponsorRow = admin.Locator($"#users-table tbody tr[data-email='{Sponsor}']");
        await Assertions.Expect(admin.Locator("#users-table tbody tr")).ToHaveCountAsync(1);
        await sponsorRow.Locator("select[name=role]").SelectOptionAsync("Leader");
        await sponsorRow.Locator("form[action*='handler=Grant'] button").ClickAsync();
        await Assertions.Expect(admin.Locator("main .status")).ToHaveTextAsync($"{Sponsor} is now Leader.");
        await Assertions.Expect(sponsorRow.Locator(".role-list .badge")).ToHaveTextAsync("Leader");
        await sponsorRow.Locator("form[action*='handler=Invite'] button").ClickAsync();
        await Assertions.Expect(admin.Locator("main .status")).ToHaveTextAsync("A new sign-in link is on its way.");

        // 4. The invitation arrives in Finnish, and the link signs the sponsor in; the dashboard shows no names.
        var invitation = await install.DispatchAndReceiveAsync(Sponsor);
        Assert.Equal("Kaleva Works: kirjautumislinkkisi OkrRolloutiin", invitation.Subject);
        Assert.Equal("okr@kaleva.example", invitation.From.Mailboxes.Single().Address);
        Assert.StartsWith("Hei Aino Virtanen,", invitation.TextBody);
        var sponsor = await install.NewPageAsync("fi-FI");
        await UseLinkAsync(sponsor, PathOfLinkIn(invitation), "Tervetuloa, Aino Virtanen");
        await Assertions.Expect(sponsor.Locator(".whoami")).ToHaveTextAsync(Sponsor);
        await sponsor.GotoAsync("/Dashboard");
        await Assertions.Expect(sponsor.Locator("main h1")).ToHaveTextAsync("Käyttöönoton tilanne · Kaleva OKR roll-out");
        await Assertions.Expect(sponsor.Locator("#funnel-table")).ToBeVisibleAsync();
        await Assertions.Expect(sponsor.Locator("#wave-progress tbody tr td.people")).ToHaveTextAsync(People.Length.ToString());
        await Assertions.Expect(sponsor.Locator("#unit-progress tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(sponsor.Locator("#drill-down")).ToHaveCountAsync(0);
        var dashboard = await sponsor.Locator("main").InnerTextAsync();
        Assert.All(People, person => Assert.DoesNotContain(person.Name, dashboard));

        // 5. The team lead gets a link from their person page, signs in once, drafts an OKR and checks in.
        var (leadId, unitId) = await install.App.WithDbAsync(async db =>
            (await db.People.Where(p => p.Email == Lead).Select(p => p.Id).SingleAsync(), await db.OrgUnits.Where(u => u.NamePath == LeadUnit).Select(u => u.Id).SingleAsync()));
        await admin.GotoAsync($"/People/Details/{leadId}");
        await admin.ClickAsync("#send-link-form button");
        await Assertions.Expect(admin.Locator("main .status")).ToHaveTextAsync("A new sign-in link is on its way.");
        var leadInvitation = await install.DispatchAndReceiveAsync(Lead);
        Assert.Equal("Kaleva Works: your sign-in link to OkrRollout", leadInvitation.Subject);
        var lead = await install.NewPageAsync();
        await UseLinkAsync(lead, PathOfLinkIn(leadInvitation), "Welcome, Oliver Grant");

        await lead.GotoAsync($"/Okr/Teams/{unitId}");
        await lead.ClickAsync("a[href^='/Okr/Objectives/Edit']");
        await lead.FillAsync("#Input_Title", "New customers are up and running in their first week");
        await lead.ClickAsync("main form button[type=submit]");
        await lead.ClickAsync("a[href^='/Okr/KeyResults/Edit']");
        await lead.FillAsync("#Input_Title", "Customers onboarded without a support call");
        await lead.FillAsync("#Input_StartValue", "0");
        await lead.FillAsync("#Input_TargetValue", "40");
        await lead.FillAsync("#Input_UnitLabel", "customers");
        await lead.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(lead.Locator("section.key-result h3")).ToHaveTextAsync("Customers onboarded without a support call");
        await lead.ClickAsync("button[formaction*='handler=Publish']");
        await Assertions.Expect(lead.Locator("main h1 .badge")).ToHaveTextAsync("Published");
        await CheckInAsync(lead, unitId, "12", "6", "Where are we: twelve live. Next: the welcome call script.");

        // A week later the lead's session has ended; they ask for a sign-in link on the sign-in page.
        install.App.Clock.Advance(TimeSpan.FromDays(7));
        await lead.GotoAsync($"/Okr/Teams/{unitId}");
        Assert.Equal("/Account/SignIn", new Uri(lead.Url).AbsolutePath);
        await Assertions.Expect(lead.Locator(".whoami")).ToHaveCountAsync(0);
        await lead.FillAsync("#email-link-form input[name=Email]", Lead);
        await lead.ClickAsync("#email-link-form button[type=submit]");
        await Assertions.Expect(lead.Locator("#link-answer")).ToHaveTextAsync($"If {Lead} belongs to someone in the directory, a sign-in link is on its way to it. The link works once, within 20 minutes.");
        var signInLink = await install.DispatchAndReceiveAsync(Lead);
        Assert.Equal("Kaleva Works: your sign-in link", signInLink.Subject);
        await UseLinkAsync(lead, PathOfLinkIn(signInLink), "Welcome, Oliver Grant");
        await CheckInAsync(lead, unitId, "20", "8", "Where are we: halfway. Next: a video for the first login.");

        await lead.ReloadAsync();
        await Assertions.Expect(lead.Locator("#team-okrs tr.kr-row td:nth-child(3)")).ToHaveTextAsync("08/03/2027 · 8/10");
        await lead.ClickAsync("#team-okrs tr.objective-row a");
        var checkIns = lead.Locator("section.key-result table.check-ins tbody tr");
        await Assertions.Expect(checkIns).ToHaveCountAsync(2);
        var rows = (await checkIns.AllInnerTextsAsync()).Select(r => Regex.Replace(r, @"\s+", " ").Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "01/03/2027 12 6/10 Where are we: twelve live. Next: the welcome call script. Oliver Grant",
            "08/03/2027 20 8/10 Where are we: halfway. Next: a video for the first login. Oliver Grant",
        ], rows);

        // 6. The administrator (whose own session has ended too) deactivates the lead; the lead's next request signs them out.
        await admin.GotoAsync($"/People/Edit/{leadId}");
        Assert.Equal("/Account/SignIn", new Uri(admin.Url).AbsolutePath);
        await admin.FillAsync("#Input_Email", AdminEmail);
        await admin.FillAsync("#Input_Password", AdminPassword);
        await admin.ClickAsync("main form button[type=submit]");
        Assert.Equal($"/People/Edit/{leadId}", new Uri(admin.Url).AbsolutePath);
        await admin.ClickAsync("form[action*='handler=Deactivate'] button");
        await Assertions.Expect(admin.Locator("main .status")).ToHaveTextAsync("Person deactivated.");

        await lead.GotoAsync($"/Okr/Teams/{unitId}");
        Assert.Equal("/Account/SignIn", new Uri(lead.Url).AbsolutePath);
        await Assertions.Expect(lead.Locator(".whoami")).ToHaveCountAsync(0);
    }
}

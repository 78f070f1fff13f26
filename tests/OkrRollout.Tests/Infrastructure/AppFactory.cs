using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OkrRollout.Web.Data;
using OkrRollout.Web.Time;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// The app on a fresh database of its own (see <see cref="TestDatabase"/>), with the demo
/// organisation loaded. One per test class (IClassFixture), so test classes never see each other's data.
/// The app's clock is <see cref="Clock"/>: it stands at <see cref="TestClock.StoryDay"/> unless the
/// test class moves it (before the app starts, to load the demo at another date). Only an app whose
/// scheduler runs (Jobs:Enabled) is given the machine's clock.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "okrrollout-tests", Guid.NewGuid().ToString("N"));
    private readonly Lazy<TestDatabase> _database;
    private AppFactory? _sharesDatabaseOf;

    public AppFactory()
    {
        Directory.CreateDirectory(_directory);
        _database = new(() => new TestDatabase(_directory));
    }

    /// <summary>The database this instance runs on: its own, or the one of the instance it shares with.</summary>
    public TestDatabase Database => _sharesDatabaseOf?.Database ?? _database.Value;

    /// <summary>Runs this instance on another's database, as a second instance behind a load balancer.</summary>
    public void ShareDatabaseOf(AppFactory other) => _sharesDatabaseOf = other;

    public string PickupDirectory => Path.Combine(_directory, "mail-pickup");

    /// <summary>Settings a test class can add to or change before the app starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Import:MaxFileBytes"] = (2 * 1024 * 1024).ToString(),
        ["Logging:LogLevel:Default"] = "Warning",
        // Tests dispatch the outbox themselves; the scheduler has its own test.
        ["Jobs:Enabled"] = "false",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        // Every test request comes from one client; the throttle has tests of its own.
        ["Account:PasswordAttemptsPerClient"] = "100000",
        ["Account:PasswordAttemptsPerAddressAndClient"] = "100000",
    };

    /// <summary>The app's clock; it moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; private set; } = TestClock.Starting(TestClock.StoryDay);

    /// <summary>Starts the app's clock at another moment (the fake clock only moves forward); call it before the app starts.</summary>
    public void StartClockAt(DateTimeOffset now) => Clock = TestClock.Starting(now);

    /// <summary>With Jobs:Enabled the app runs on the machine's clock instead of <see cref="Clock"/>: its scheduler waits for time to pass.</summary>
    private bool SchedulerRuns => Settings.GetValueOrDefault("Jobs:Enabled") == "true";

    /// <summary>"Now" by the app's clock: <see cref="Clock"/>, unless the test class gave the app another.</summary>
    public DateTime NowUtc => Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>The organisation's date by the app's clock.</summary>
    public DateOnly Today => Services.GetRequiredService<OrganisationTime>().Today;

    /// <summary>Services a test class adds to the app's own, before the app starts.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            // Quartz fires by the app's clock, so an app whose scheduler runs needs one that moves.
            services.AddSingleton(SchedulerRuns ? TimeProvider.System : Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ClientClockCookies(Clock));
            TestServices.ForEach(add => add(services));
        });
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Email:PickupDirectory", PickupDirectory);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Gives a person of the directory a sign-in with the demo password, as their first use of an invitation link would.</summary>
    public async Task<string> CreateSignInAsync(string email, string role = OkrRollout.Web.Security.Roles.Member)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<OkrRollout.Web.Data.AppUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var user = new OkrRollout.Web.Data.AppUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, DemoUsers.Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
        return email;
    }

    /// <summary>A stored body as the dispatcher sends it: its personal links opened (they are stored sealed).</summary>
    public string AsSent(string body) => Services.GetRequiredService<OkrRollout.Web.Email.SealedLinks>().Open(body);

    public HttpClient CreateRawClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner; it must not fail the run.
        }
    }
}

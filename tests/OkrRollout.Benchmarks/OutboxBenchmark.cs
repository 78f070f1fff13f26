using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Import;
using OkrRollout.Web.Rollout;

namespace OkrRollout.Benchmarks;

/// <summary>
/// Queuing onboarding invitations (sign-in link + rendered e-mail per person) for a wave of N people,
/// then the dispatcher's rate against a local SMTP server process (Debian's aiosmtpd, the same sink
/// the tests use), over SMTP on loopback, beside a plain MailKit client sending the same messages over
/// one connection: the outbox's claims, state updates and retries are what it costs on top.
/// </summary>
public static class OutboxBenchmark
{
    public static async Task<int> RunAsync(int people, int send)
    {
        using var directory = new BenchmarkDirectory();
        var port = FreePort();
        using var smtp = StartSmtp(port, directory.File("mail"));
        try
        {
            await using var app = new BenchmarkApp(directory.Database("bench.db"), new()
            {
                ["Email:Transport"] = "Smtp",
                ["Email:SmtpHost"] = "127.0.0.1",
                ["Email:SmtpPort"] = port.ToString(),
                ["Outbox:BatchSize"] = "200",
            });
            var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark")], "benchmark"));
            Wave wave;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                Console.WriteLine($"Importing {people:N0} generated people…");
                await scope.ServiceProvider.GetRequiredService<PeopleImporter>().ApplyAsync(PeopleCsvReader.Read(PeopleGenerator.Csv(people), long.MaxValue), false, "benchmark", null, CancellationToken.None);
                var programme = new Programme { Name = "Benchmark programme", Why = "Measure the outbox.", StartDate = new(2027, 1, 1), TargetDate = new(2027, 12, 31) };
                wave = new Wave { Programme = programme, Name = "Everyone", Kind = WaveKind.CompanyWide, Order = 1, PlannedStart = new(2027, 1, 1), PlannedEnd = new(2027, 2, 1) };
                db.Waves.Add(wave);
                await db.SaveChangesAsync();
                var root = await db.OrgUnits.Where(u => u.NamePath == "Megacorp").Select(u => u.Id).SingleAsync();
                await scope.ServiceProvider.GetRequiredService<WaveMembership>().AddAsync(wave, new WaveSelection(root, false, []), actor, CancellationToken.None);
            }

            TimeSpan queueTime;
            int queued;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var watch = Stopwatch.StartNew();
                queued = (await scope.ServiceProvider.GetRequiredService<OnboardingInvitations>().QueueForWaveAsync(wave, actor, CancellationToken.None)).Sent;
                queueTime = watch.Elapsed;
            }
            Console.WriteLine();
            Console.WriteLine($"| step | messages | time | rate |");
            Console.WriteLine($"|---|---|---|---|");
            Console.WriteLine($"| queue onboarding invitations (links + rendered e-mails, one transaction) | {queued:N0} | **{queueTime.TotalSeconds:F2} s** | {queued / queueTime.TotalSeconds:N0}/s |");
            // For load.sh's table: seconds, messages per second, this process's peak memory.
            Console.WriteLine($"RESULT invitations {queueTime.TotalSeconds:F2} {queued / queueTime.TotalSeconds:F0} {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}");

            // Only the first N are left due, so the run is bounded.
            await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id > send).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(1))));
            // The limit: a plain MailKit client sending the same messages over one connection.
            var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Id <= send).OrderBy(m => m.Id).ToListAsync());
            var options = app.Services.GetRequiredService<EmailOptions>();
            var plainReceivedBefore = Directory.EnumerateFiles(directory.File("mail"), "*.eml").Count();
            var plain = Stopwatch.StartNew();
            using (var client = new MailKit.Net.Smtp.SmtpClient())
            {
                await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
                foreach (var row in rows)
                {
                    await client.SendAsync(MimeMessages.Create(new EmailMessage(row.RecipientEmail, row.RecipientName, row.Subject, row.TextBody, row.HtmlBody, row.Calendar), new MimeKit.MailboxAddress(options.FromName, options.From)));
                }
                await client.DisconnectAsync(true);
            }
            var plainRate = rows.Count / plain.Elapsed.TotalSeconds;
            var plainReceived = Directory.EnumerateFiles(directory.File("mail"), "*.eml").Count() - plainReceivedBefore;
            Console.WriteLine($"| plain MailKit client, one connection, the same messages (the server received {plainReceived:N0}) | {rows.Count:N0} | {plain.Elapsed.TotalSeconds:F2} s | **{plainRate:N0} messages/s** |");
            foreach (var parallelism in new[] { 1, 4 })
            {
                await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id <= send).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAtUtc, TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1))));
                var before = Directory.EnumerateFiles(directory.File("mail"), "*.eml").Count();
                var dispatch = Stopwatch.StartNew();
                var result = await OutboxDispatcher.DrainAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), parallelism, CancellationToken.None);
                var dispatchTime = dispatch.Elapsed;
                var received = Directory.EnumerateFiles(directory.File("mail"), "*.eml").Count() - before;
                var rate = result.Sent / dispatchTime.TotalSeconds;
                Console.WriteLine($"| outbox dispatch, {parallelism} dispatcher(s), to the local SMTP server (it received {received:N0}) | {result.Sent:N0} | {dispatchTime.TotalSeconds:F2} s | **{rate:N0} messages/s, {rate / plainRate:P0} of the plain client** |");
            }
            return 0;
        }
        finally
        {
            smtp.Kill(entireProcessTree: true);
        }
    }

    private static Process StartSmtp(int port, string mailDirectory)
    {
        Directory.CreateDirectory(mailDirectory);
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "smtp_sink.Sink", mailDirectory]) { UseShellExecute = false };
        start.Environment["PYTHONPATH"] = Path.Combine(BenchmarkApp.RepositoryRoot(), "tests", "OkrRollout.Tests", "Infrastructure");
        var process = Process.Start(start)!;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException("aiosmtpd did not start (install python3-aiosmtpd)");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

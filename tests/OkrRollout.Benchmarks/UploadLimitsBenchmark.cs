using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OkrRollout.Benchmarks;

/// <summary>
/// What refusing bad uploads costs the server: each one posted to the people import of the app on
/// Kestrel (real HTTP on loopback, the app's default limits), generated as it is sent so the client
/// holds none of it. Per upload: the answer, the bytes allocated in the process and its peak working
/// set while the upload was refused (sampled every 5 ms). A process keeps memory it once took, so
/// the peak of one upload is read best in a process of its own: upload-limits 500 N runs only the Nth.
/// </summary>
public static partial class UploadLimitsBenchmark
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<td>([^<]*)</td>\\s*</tr>")]
    private static partial Regex FirstProblem();

    public static async Task<int> RunAsync(int megabytes, int only)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
        await SignInAsync(client);

        long big = megabytes * 1024L * 1024;
        // Under the app's default limit before and after (20 MB before #18, 32 MiB since), so the parser sees all of it.
        const long underTheLimit = 19L * 1024 * 1024;
        var header = "email;name;unit;lead;language;manager_email\n"u8.ToArray();
        var uploads = new (string Name, long Length, Func<long, byte> Byte)[]
        {
            ($"{megabytes} MB of random bytes", big, i => (byte)((i * 2654435761L) >> 13)),
            ($"{megabytes} MB in one line, no line break", big, _ => (byte)'x'),
            ($"{megabytes} MB in a quoted field that never closes", big, i => i < header.Length ? header[i] : i == header.Length ? (byte)'"' : (byte)'a'),
            ("19 MiB header of 10 million columns", underTheLimit, i => i % 2 == 0 ? (byte)'x' : (byte)';'),
            ("19 MiB of 10 million one-field rows", underTheLimit, i => i < header.Length ? header[i] : (i - header.Length) % 2 == 0 ? (byte)'x' : (byte)'\n'),
            ("19 MiB quoted field full of line breaks", underTheLimit, i => i < header.Length ? header[i] : i == header.Length ? (byte)'"' : i % 3 == 0 ? (byte)'\n' : (byte)'b'),
        };

        Console.WriteLine($"People import at {address}, the app's default limits; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| upload | answer | time | allocated in the process | peak working set during it |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, length, generate) in only > 0 ? uploads[(only - 1)..only] : uploads)
        {
            var form = TokenOf(await client.GetStringAsync("/People/Import"));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var peak = new PeakSampler();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var answer = await PostAsync(client, form, new GeneratedContent(length, generate));
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"| {name} | {answer} | {watch.Elapsed.TotalSeconds:F1} s | {allocated / 1048576.0:F0} MB | {peak.PeakMegabytes:F0} MB |");
        }
        Console.WriteLine($"RESULT upload-limits peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");
        return 0;
    }

    private static string TokenOf(string page) => AntiforgeryField().Match(page).Groups[1].Value;

    private static async Task SignInAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Account/SignIn");
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "kaisa.virtanen@aurora-telematics.example",
            ["Input.Password"] = "OkrDemo2026!",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        }));
        if (!(await client.GetStringAsync("/")).Contains("whoami"))
        {
            throw new InvalidOperationException("sign-in failed");
        }
    }

    private static async Task<string> PostAsync(HttpClient client, string antiforgeryToken, HttpContent file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgeryToken), "__RequestVerificationToken" },
        };
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "upload.csv");
        try
        {
            using var response = await client.PostAsync("/People/Import", form);
            var html = await response.Content.ReadAsStringAsync();
            var problem = FirstProblem().Match(html);
            return $"{(int)response.StatusCode}" + (problem.Success ? ": " + WebUtility.HtmlDecode(problem.Groups[1].Value) : "");
        }
        catch (HttpRequestException exception)
        {
            return "connection closed: " + exception.Message;
        }
    }

    /// <summary>A request body of the given length made byte by byte as it is sent, through one small buffer.</summary>
    private sealed class GeneratedContent(long length, Func<long, byte> generate) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[64 * 1024];
            for (long sent = 0; sent < length;)
            {
                var count = (int)Math.Min(buffer.Length, length - sent);
                for (var i = 0; i < count; i++)
                {
                    buffer[i] = generate(sent + i);
                }
                await stream.WriteAsync(buffer.AsMemory(0, count));
                sent += count;
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }

    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _peak;

        public PeakSampler()
        {
            _sampling = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop.IsCancellationRequested)
                {
                    process.Refresh();
                    _peak = Math.Max(_peak, process.WorkingSet64);
                    await Task.Delay(5);
                }
            });
        }

        public double PeakMegabytes
        {
            get
            {
                _stop.Cancel();
                _sampling.Wait();
                return _peak / 1048576.0;
            }
        }

        public void Dispose() => _stop.Dispose();
    }
}

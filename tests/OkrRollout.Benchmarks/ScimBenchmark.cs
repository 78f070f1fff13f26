using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Web.Scim;

namespace OkrRollout.Benchmarks;

/// <summary>
/// Directory sync at the size of a large customer: N users provisioned over SCIM one POST each, as
/// Entra ID and Okta do (200 departments, made as units on first use; every fifth person managed by
/// one provisioned before), then the whole directory listed 100 at a time, then each user found by
/// its userName filter as a provider does before it creates. The app runs in-process on a SQLite
/// file; requests go through the whole pipeline (token check, import rules, transaction).
/// </summary>
public static class ScimBenchmark
{
    public static async Task<int> RunAsync(int users, int lookups)
    {
        using var directory = new BenchmarkDirectory();
        await using var app = new BenchmarkApp(directory.Database("bench.db"));
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark")], "benchmark"));
            token = (await scope.ServiceProvider.GetRequiredService<ScimTokens>().CreateAsync("benchmark", admin, CancellationToken.None)).Value;
        }
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var ids = new List<string>(users);
        var provisioning = new List<double>(users);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < users; i++)
        {
            var manager = i % 5 == 4 ? ids[i / 2] : null;
            var body = new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.Enterprise),
                ["externalId"] = $"ext-{i:D6}",
                ["userName"] = $"scim.user{i:D6}@megacorp.example",
                ["name"] = new JsonObject { ["givenName"] = "User", ["familyName"] = i.ToString("D6") },
                ["active"] = true,
                ["preferredLanguage"] = i % 3 == 0 ? "fi-FI" : "en-US",
                [ScimSchemas.Enterprise] = new JsonObject { ["department"] = $"Megacorp/Division {i % 10}/Department {i % 200:D3}", ["manager"] = manager },
            };
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/scim/v2/Users", new StringContent(body.ToJsonString(), Encoding.UTF8, ScimJson.ContentType));
            var answer = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 201)
            {
                Console.Error.WriteLine($"user {i}: {(int)response.StatusCode} {answer}");
                return 1;
            }
            provisioning.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            ids.Add(JsonNode.Parse(answer)!["id"]!.ToString());
        }
        var provisioned = clock.Elapsed;

        var listing = new List<double>();
        clock.Restart();
        var listed = 0;
        for (var start = 1; ; start += 100)
        {
            var started = Stopwatch.GetTimestamp();
            var page = JsonNode.Parse(await client.GetStringAsync($"/scim/v2/Users?startIndex={start}&count=100"))!;
            listing.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var count = page["Resources"]!.AsArray().Count;
            listed += count;
            if (count < 100)
            {
                break;
            }
        }
        var listedIn = clock.Elapsed;

        var finding = new List<double>();
        clock.Restart();
        for (var i = 0; i < lookups; i++)
        {
            var filter = Uri.EscapeDataString($"userName eq \"scim.user{i * (users / Math.Max(1, lookups)):D6}@megacorp.example\"");
            var started = Stopwatch.GetTimestamp();
            await client.GetStringAsync($"/scim/v2/Users?filter={filter}");
            finding.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var foundIn = clock.Elapsed;

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"SCIM, in-process, SQLite file, one request at a time ({Environment.ProcessorCount} cores)");
        Console.WriteLine();
        Console.WriteLine("| step | requests | requests/s | p50 | p95 | max |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row($"provision {users:N0} users (POST)", provisioning, provisioned);
        Row($"list {listed:N0} users, 100 a page (GET)", listing, listedIn);
        Row("find one by userName filter (GET)", finding, foundIn);
        Console.WriteLine();
        Console.WriteLine($"Peak working set of the process (app and client): {process.PeakWorkingSet64 / 1024 / 1024:N0} MB; managed heap now {GC.GetTotalMemory(false) / 1024 / 1024:N0} MB");
        return 0;
    }

    private static void Row(string name, List<double> latencies, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        Console.WriteLine($"| {name} | {sorted.Count:N0} | {sorted.Count / elapsed.TotalSeconds:N0} | {At(0.5):F1} ms | {At(0.95):F1} ms | {sorted[^1]:F1} ms |");
    }
}

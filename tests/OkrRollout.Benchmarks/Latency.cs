using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace OkrRollout.Benchmarks;

/// <summary>Request timings, one request at a time after a warm-up, and the sign-in the page benchmarks share.</summary>
public static partial class Latency
{
    public sealed record Result(double P50, double P95, double Max);

    public static async Task<Result> MeasureAsync(Func<Task> request, int requests, int warmUp = 20)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await request();
        }
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            await request();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Result(Percentile(times, 0.50), Percentile(times, 0.95), times[^1]);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>A client signed in as one of the demo sign-ins (seed/demo-users.json).</summary>
    public static async Task<HttpClient> SignInAsync(BenchmarkApp app, string email)
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync("/Account/SignIn");
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "OkrDemo2026!",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        }));
        if (!(await client.GetStringAsync("/")).Contains("whoami"))
        {
            throw new InvalidOperationException("sign-in failed");
        }
        return client;
    }

    public static async Task GetAsync(HttpClient client, string url, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{url}: {response.StatusCode}");
        }
        await response.Content.ReadAsByteArrayAsync();
    }
}

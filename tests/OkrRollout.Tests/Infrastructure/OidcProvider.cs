using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider process (npm's oidc-provider, tests/oidc/provider.mjs) on a free
/// loopback port, with the test accounts of tests/oidc/accounts.json and one client whose redirect
/// addresses are the app's under the test server's address. Stopped when disposed.
/// </summary>
public sealed class OidcProvider : IDisposable
{
    public const string ClientId = "okrrollout";

    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private bool _disposed;

    /// <param name="appBaseAddress">Where the provider sends people back to: the app's address as its clients use it.</param>
    public OidcProvider(string appBaseAddress = "http://localhost")
    {
        var directory = Path.Combine(SourceTree.Root, "tests", "oidc");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed in {directory}: run `npm ci` there (tests/run.sh does)");
        }
        Port = FreePort();
        var start = new ProcessStartInfo("node", [
            "provider.mjs", "--port", Port.ToString(), "--client-id", ClientId, "--client-secret", ClientSecret,
            "--redirect-uri", $"{appBaseAddress}/signin-oidc", "--post-logout-redirect-uri", $"{appBaseAddress}/signout-callback-oidc"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitForDiscovery();
    }

    public int Port { get; }

    public string Issuer => $"http://127.0.0.1:{Port}";

    /// <summary>A new secret for each run: the app gets it as Sso__ClientSecret would give it.</summary>
    public string ClientSecret { get; } = Guid.NewGuid().ToString("N");

    /// <summary>What the provider printed, stdout and stderr.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>How many times the provider ended a session of the account at its end-session endpoint.</summary>
    public int EndedSessionsOf(string account) => _output.Count(line => line == $"end-session {account}");

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private void WaitForDiscovery()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = client.GetAsync($"{Issuer}/.well-known/openid-configuration").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                Dispose();
                throw new InvalidOperationException($"the OpenID provider did not answer on port {Port}:\n{string.Join('\n', _output)}");
            }
            Thread.Sleep(100);
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        // The factory disposes twice (DisposeAsync, then Dispose).
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}

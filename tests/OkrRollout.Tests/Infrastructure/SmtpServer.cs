using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// A real SMTP server process (Debian's python3-aiosmtpd) on a free loopback port, saving what it
/// accepts as .eml files. It can be stopped and started again on the same port for outage tests.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private readonly bool _smtpUtf8;
    private Process? _process;

    /// <param name="smtpUtf8">Whether the server offers SMTPUTF8 (RFC 6531), as most current servers do.</param>
    public SmtpServer(bool smtpUtf8 = true)
    {
        _smtpUtf8 = smtpUtf8;
        Directory.CreateDirectory(MailDirectory);
        Port = FreePort();
        Start();
    }

    public int Port { get; }
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "okrrollout-smtp-" + Guid.NewGuid().ToString("N"));

    public void Start()
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", .. (_smtpUtf8 ? new[] { "-u" } : []), "-l", $"127.0.0.1:{Port}", "-c", "smtp_sink.Sink", MailDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Infrastructure");
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start aiosmtpd");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Accepts())
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException($"aiosmtpd did not start on port {Port} (is python3-aiosmtpd installed? tests/run.sh installs it)");
            }
            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    public IReadOnlyList<string> Messages() =>
        Directory.EnumerateFiles(MailDirectory, "*.eml").Select(f => File.ReadAllText(f, System.Text.Encoding.UTF8)).ToList();

    /// <summary>How many SMTP connections clients have opened (each says EHLO once).</summary>
    public int Connections()
    {
        var log = Path.Combine(MailDirectory, "connections.log");
        return File.Exists(log) ? File.ReadAllLines(log).Length : 0;
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

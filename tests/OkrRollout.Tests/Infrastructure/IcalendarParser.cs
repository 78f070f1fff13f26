using System.Diagnostics;
using System.Text.Json;

namespace OkrRollout.Tests.Infrastructure;

/// <summary>Someone else's reading of our calendar objects: Debian's python3-icalendar (tests/run.sh installs it).</summary>
public static class IcalendarParser
{
    public static JsonElement Parse(string ics)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "Infrastructure", "ical_check.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3");
        process.StandardInput.Write(ics);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "python3-icalendar could not read the calendar: " + error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}

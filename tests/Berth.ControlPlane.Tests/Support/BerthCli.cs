using System.Diagnostics;
using System.Net.Http.Headers;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>The <c>berth</c> command line of this build, run as a user would, against a running Berth.</summary>
public sealed class BerthCli : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private BerthCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
    }

    /// <summary>Starts <c>berth ARGS</c> signed in as <paramref name="client"/>'s bearer token.</summary>
    public static BerthCli Start(HttpClient client, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        AuthenticationHeaderValue auth = client.DefaultRequestHeaders.Authorization!;
        foreach (var arg in (string[])[BerthProcess.Executable, .. args, "--url", client.BaseAddress!.ToString(), "--token", auth.Parameter!])
        {
            start.ArgumentList.Add(arg);
        }

        return new BerthCli(Process.Start(start)!);
    }

    /// <summary>The lines printed so far.</summary>
    public List<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/>.</summary>
    public Task WaitForAsync(string text, TimeSpan limit) =>
        Poll.TrueAsync(() => Task.FromResult(Lines.Any(l => l.Contains(text, StringComparison.Ordinal))), limit,
            $"berth printing '{text}'", diagnose: () => string.Join("\n", Lines));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}

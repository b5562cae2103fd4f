using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Readme.Tests;

/// <summary>
/// A command line run by bash as a user's shell would run it, its output (standard output and error) written to a
/// file rather than a pipe: servers it leaves behind, such as the build's compiler server, hold that file open and
/// nobody waits for them to close it.
/// </summary>
internal sealed class ShellProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _logPath;

    private ShellProcess(Process process, string logPath)
    {
        _process = process;
        _logPath = logPath;
    }

    public string CommandLine { get; private init; } = "";

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the command wrote so far.</summary>
    public string Output
    {
        get
        {
            using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Starts <c>bash -c COMMANDLINE</c> in <paramref name="directory"/> with the environment changed as given (null: removed).</summary>
    public static ShellProcess Start(string commandLine, string directory, IReadOnlyDictionary<string, string?> environment, string logPath)
    {
        File.WriteAllText(logPath, "");
        // The outer shell only points the output at the file; the inner one gets the line untouched.
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec >>\"$0\" 2>&1 </dev/null; exec /bin/bash -c \"$1\"", logPath, commandLine })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new ShellProcess(Process.Start(start)!, logPath) { CommandLine = commandLine };
    }

    /// <summary>Waits for the command to end; false when it is still running after <paramref name="limit"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the output matches <paramref name="pattern"/>, the command ends, or <paramref name="limit"/> passes.</summary>
    public async Task<bool> WaitForOutputAsync(Regex pattern, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (!pattern.IsMatch(Output))
        {
            if (_process.HasExited || deadline.Elapsed > limit)
            {
                return pattern.IsMatch(Output);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return true;
    }

    /// <summary>Ends the command and everything it started at once (SIGKILL), as a closed terminal would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the command as Ctrl-C would (SIGTERM to it), waiting up to <paramref name="limit"/> before killing it.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        if (!await WaitAsync(limit))
        {
            await KillAsync();
        }
    }

    public void Dispose() => _process.Dispose();
}

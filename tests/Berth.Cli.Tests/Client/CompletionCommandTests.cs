using System.Diagnostics;
using System.Runtime.Versioning;
using Berth.Client;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth completion</c>: the bash script, loaded into a real bash, completes through berth's suggest directive.</summary>
public sealed class CompletionCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [UnsupportedOSPlatform("windows")]
    [InlineData("berth ap", "apps")]
    [InlineData("berth apps cr", "create")]
    [InlineData("berth deploy myapp v1 --no", "--no-wait")]
    public async Task Bash_LoadedScript_CompletesTheWordAtTheCursor(string line, string expected)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "bash and Unix file modes");
        string script = (await CliRunner.RunAsync(_temp.Environment(), "completion", "bash")).Out;
        // The script runs `berth` from PATH, as after installing; here a shim runs this build.
        _temp.Write("bin/berth", $"#!/bin/sh\nexec dotnet '{typeof(ClientCommands).Assembly.Location}' \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(_temp.Path, "bin/berth"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _temp.Write("completion.bash", script);
        string[] words = line.Split(' ');

        string completions = await BashAsync(
            $"source completion.bash; COMP_LINE='{line}'; COMP_POINT={line.Length}; COMP_WORDS=({line}); COMP_CWORD={words.Length - 1}; " +
            "_berth; printf '%s\\n' \"${COMPREPLY[@]}\"");

        Assert.Contains(expected, completions.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Completion_UnknownShell_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(_temp.Environment(), "completion", "powershell");

        Assert.Equal(ClientCommands.UsageError, result.ExitCode);
    }

    [Theory]
    [InlineData("zsh", "compdef _berth berth")]
    [InlineData("fish", "complete -c berth")]
    public async Task Completion_OtherShells_PrintTheirScript(string shell, string registration)
    {
        CliResult result = await CliRunner.RunAsync(_temp.Environment(), "completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Out);
        Assert.Contains("[suggest:", result.Out);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<string> BashAsync(string commands)
    {
        var start = new ProcessStartInfo("bash", ["-c", commands]) { WorkingDirectory = _temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{Path.Combine(_temp.Path, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        using var bash = Process.Start(start)!;
        string output = await bash.StandardOutput.ReadToEndAsync();
        string error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"bash failed: {error}");
        return output;
    }
}

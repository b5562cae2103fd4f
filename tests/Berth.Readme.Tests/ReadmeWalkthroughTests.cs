using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Berth.Readme.Tests;

/// <summary>
/// The README works for a new user word for word: its walkthrough block, read from README.md and run line by line with
/// bash against a Berth that <c>./run.sh</c> started (on a registry of its own, never the shared one on 5000), and
/// run.sh refusing to start on a port that is taken.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    /// <summary>The walkthrough's API and gateway ports, as printed in it.</summary>
    private static readonly int[] WalkthroughPorts = [7070, 7080];

    /// <summary>Bounds one command (a deploy follows until it is live); only a hang gets near it.</summary>
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    /// <summary>How long a command that follows forever (<c>-f</c>) is given to print what it should before it is stopped.</summary>
    private static readonly TimeSpan FollowLimit = TimeSpan.FromMinutes(1);

    /// <summary>How long a command that follows and need print nothing must keep running to count as following.</summary>
    private static readonly TimeSpan QuietFollow = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Walkthrough_RunAsPrinted_EveryCommandSucceeds()
    {
        var taken = WalkthroughPorts.Where(port => !Ports.IsFree(port)).ToArray();
        Assert.True(
            taken.Length == 0,
            $"the README's walkthrough uses ports 7070 and 7080 as printed, and {string.Join(" and ", taken)} is taken: stop what listens there (ss -ltnp) and run the test again");
        var commands = Walkthrough.Commands(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"), TestContext.Current.CancellationToken));
        Assert.NotEmpty(commands);

        using var sandbox = new Sandbox(Ports.FirstFree(5002, 5099));
        await using var berth = await RunShBerth.StartAsync(sandbox);
        Assert.DoesNotContain("[run] WARNING", berth.Output);
        for (var i = 0; i < commands.Count; i++)
        {
            var name = $"{i + 1:00}";
            if (Walkthrough.Follows(commands[i]))
            {
                await FollowAsync(sandbox, commands[i], name);
            }
            else
            {
                await RunAsync(sandbox, commands[i], name);
            }
        }
    }

    [Fact]
    public async Task RunSh_ApiPortTaken_RefusesBeforeBuilding()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var apiPort = ((IPEndPoint)holder.LocalEndpoint).Port;
        var gatewayPort = Ports.FirstFree(apiPort + 1, apiPort + 100);
        // run.sh must stop before it reaches a registry; the sandbox's address keeps the shared one out of reach anyway.
        using var sandbox = new Sandbox(Ports.FirstFree(5002, 5099));

        var (exitCode, output) = await sandbox.RunAsync(
            $"BERTH_API_URL=http://127.0.0.1:{apiPort} BERTH_GATEWAY_URL=http://127.0.0.1:{gatewayPort} exec '{Path.Combine(Repository.Root, "run.sh")}'",
            "run.sh",
            CommandLimit);

        Assert.True(exitCode != 0, $"run.sh started although port {apiPort} was taken:\n{output}");
        Assert.Contains($"port {apiPort} of the API (http://127.0.0.1:{apiPort}) is taken by", output);
        Assert.DoesNotContain("[start-registry]", output);
        Assert.DoesNotContain("Build succeeded", output);
    }

    /// <summary>Runs a line to its end: it exits 0 and prints what it is expected to.</summary>
    private static async Task RunAsync(Sandbox sandbox, string line, string name)
    {
        var (exitCode, output) = await sandbox.RunAsync(line, name, CommandLimit);
        Assert.True(exitCode == 0, $"`{line}` exited with {exitCode}:\n{output}");
        if (ExpectedOutput(line) is { } expected)
        {
            Assert.True(expected.IsMatch(output), $"`{line}` printed no match of /{expected}/:\n{output}");
        }
    }

    /// <summary>
    /// Runs a line that follows forever until it printed what it should, or for <see cref="QuietFollow"/> when it need
    /// print nothing (the sample's log), then stops it as Ctrl-C would: it must not have ended by itself.
    /// </summary>
    private static async Task FollowAsync(Sandbox sandbox, string line, string name)
    {
        using var process = sandbox.Start(line, name);
        var expected = ExpectedOutput(line);
        var printed = expected is null ? !await process.WaitAsync(QuietFollow) : await process.WaitForOutputAsync(expected, FollowLimit);
        var ended = process.HasExited;
        await process.KillAsync();
        Assert.False(ended, $"`{line}` ended (exit code {process.ExitCode}) instead of following:\n{process.Output}");
        Assert.True(printed, $"`{line}` printed no match of /{expected}/ within {FollowLimit}:\n{process.Output}");
    }

    /// <summary>
    /// What a line's output must contain. A curl's comment quotes its answer ("hello v1 from &lt;container&gt;"); the
    /// other commands are known by what they do.
    /// </summary>
    private static Regex? ExpectedOutput(string line)
    {
        var code = Walkthrough.Code(line);
        if (code.StartsWith("curl ", StringComparison.Ordinal))
        {
            var quoted = QuotedAnswer().Match(Walkthrough.Comment(line));
            Assert.True(quoted.Success, $"the comment of `{line}` does not quote the answer expected");
            // Not anchored: curl's progress meter, on standard error, may share the answer's line.
            return new Regex(Regex.Escape(quoted.Groups[1].Value).Replace("<container>", @"\S+", StringComparison.Ordinal));
        }

        var words = code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = words.Length < 2 ? null : words[1] switch
        {
            "login" => "^Logged in to ",
            "apps" when words[2] == "create" => "^Created app ",
            "apps" when words[2] == "rm" => "^Removed app ",
            "deploy" when words.Contains("--canary") => " runs as a canary with ",
            "deploy" or "rollback" or "promote" or "scale" => @" is live with \d+ instance",
            "instances" => @"\brunning +healthy\b",
            "events" => @"\binstanceStarted\b",
            "traffic" => "; gateways apply it",
            "stats" => @"\bP99\b",
            "domains" => " routes to ",
            "blacklist" => "^The blacklist of ",
            _ => null,
        };
        return expected is null ? null : new Regex(expected, RegexOptions.Multiline);
    }

    [GeneratedRegex("\"([^\"]*<container>[^\"]*)\"")]
    private static partial Regex QuotedAnswer();
}

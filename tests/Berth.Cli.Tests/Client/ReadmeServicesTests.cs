using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Berth.Client;
using Berth.ControlPlane.Tests.Support;
using Berth.Readme.Tests;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// The README's managed services block works word for word: each line, read from README.md, is run by bash as a user's
/// shell would run it (a variable set by one line is there for the next), with <c>./berth</c> the CLI this test was
/// built with, against a real Berth that uses the registry's service images and the counter sample. The tenant is
/// signed in first, and the counter offered to tenants, as <c>./run.sh</c> and the main walkthrough do.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ReadmeServicesTests(ServicesWalkthroughServer real) : IClassFixture<ServicesWalkthroughServer>, IDisposable
{
    /// <summary>Bounds one line: creating a service, binding or restoring waits for the server and a rolling restart.</summary>
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    /// <summary>How long a curl may take to get a count: only a gateway that has not routed the change yet needs a second try.</summary>
    private static readonly TimeSpan RouteLimit = TimeSpan.FromMinutes(1);

    /// <summary>The services the block names: what an earlier run that was killed left of them would clash with its names.</summary>
    private static readonly string[] BlockServices = ["db", "db-copy"];

    private readonly TempDirectory _sandbox = new();
    private readonly Dictionary<string, string?> _environment = [];
    private long _count;
    private long _countAtBackup;

    [Fact]
    public async Task ServicesBlock_RunByBashAsPrinted_EveryCommandSucceeds()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"), TestContext.Current.CancellationToken);
        var commands = Walkthrough.Commands(readme, Walkthrough.ServicesHeading);
        Assert.NotEmpty(commands);
        await RemoveLeftoversAsync();
        await PrepareAsync();

        for (var i = 0; i < commands.Count; i++)
        {
            var code = Walkthrough.Code(commands[i]);
            if (code.StartsWith("curl ", StringComparison.Ordinal))
            {
                await CurlAsync(commands[i], $"{i + 1:00}");
            }
            else
            {
                await RunAsync(commands[i], $"{i + 1:00}");
            }
        }
    }

    /// <summary>
    /// A sandbox as the README's reader has it: <c>./berth</c> in the working folder (here the CLI of this build), a
    /// home of its own with the tenant's login saved, the counter offered as a base image (./run.sh does that), and
    /// curl sent to this server's gateway for any host (<c>tally.localhost:7080</c>), as <c>--connect-to</c> in its
    /// config file says; the Host header stays what the line says.
    /// </summary>
    private async Task PrepareAsync()
    {
        var berth = _sandbox.Write("work/berth", $"#!/bin/sh\nexec dotnet '{typeof(ClientCommands).Assembly.Location}' \"$@\"\n");
        File.SetUnixFileMode(berth, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var gateway = new Uri(real.Server.GatewayUrl!);
        // Quoted: unquoted, curl would read the value's leading ':' as the separator after the option's name. No
        // progress meter: written to the same log as the answer, it would mix its numbers with the count.
        _sandbox.Write("curl/.curlrc", $"connect-to = \"::{gateway.Host}:{gateway.Port}\"\nno-progress-meter\n");
        foreach (var name in new[] { "BERTH_URL", "BERTH_TOKEN", "BERTH_CONFIG", "BERTH_DATA", "DOCKER_CONFIG" })
        {
            _environment[name] = null;
        }

        _environment["HOME"] = Path.Combine(_sandbox.Path, "home");
        _environment["XDG_CONFIG_HOME"] = Path.Combine(_sandbox.Path, "home", ".config");
        _environment["CURL_HOME"] = Path.Combine(_sandbox.Path, "curl");
        Directory.CreateDirectory(Path.Combine(_sandbox.Path, "home"));
        Directory.CreateDirectory(Path.Combine(_sandbox.Path, "logs"));

        var admin = $"--url {real.Server.ApiUrl} --token {real.AdminToken}";
        await MustRunAsync($"./berth base-images add counter {admin}", "offer-counter");
        var tenant = $"svc-{Guid.NewGuid():N}"[..12];
        var token = (await MustRunAsync($"./berth tenants create {tenant} {admin} | awk '/^  berth_/ {{print $1}}'", "tenant")).Trim();
        Assert.StartsWith("berth_", token);
        await MustRunAsync($"./berth login --url {real.Server.ApiUrl} --token {token}", "login");
    }

    /// <summary>
    /// Runs one line with bash and checks what it printed. A line that sets a variable (<c>backup=$(…)</c>) keeps it for
    /// the lines after: bash exits after each line, so the value is written to a file the next lines read first.
    /// </summary>
    private async Task RunAsync(string line, string name)
    {
        var code = Walkthrough.Code(line);
        var output = await MustRunAsync(line, name);
        if (Assignment().Match(code) is { Success: true } assignment)
        {
            var value = await MustRunAsync($"printf %s \"${assignment.Groups[1].Value}\"", name + "-value");
            // A pipeline's status is its last command's: the value itself tells whether the command before cut worked.
            Assert.True(Regex.IsMatch(value, @"^b-\S+$"), $"`{line}` set ${assignment.Groups[1].Value} to '{value}', not a backup's id");
            _countAtBackup = _count;
            return;
        }

        if (Expected(code, Walkthrough.Comment(line)) is { } expected)
        {
            Assert.True(expected.IsMatch(output), $"`{line}` printed no match of /{expected}/:\n{output}");
        }
    }

    /// <summary>
    /// A curl of the counter: it answers a count, 1 the first time (a new database) and, after the restore, one more
    /// than when the backup was taken. A gateway that has not routed the app's new instances yet answers no count and
    /// counts nothing, so only then is the line run again.
    /// </summary>
    private async Task CurlAsync(string line, string name)
    {
        var deadline = DateTime.UtcNow + RouteLimit;
        string output;
        long count;
        while (!long.TryParse(output = (await MustRunAsync(line, name)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            Assert.True(DateTime.UtcNow < deadline, $"`{line}` answered no count within {RouteLimit}:\n{output}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        var comment = Walkthrough.Comment(line);
        var expected = comment.StartsWith("1,", StringComparison.Ordinal) ? 1
            : comment.Contains("from the backup's", StringComparison.Ordinal) ? _countAtBackup + 1
            : throw new InvalidOperationException($"the comment of `{line}` says no count this test knows: teach it");
        Assert.True(count == expected, $"`{line}` answered {count}, expected {expected} ({comment})");
        _count = count;
    }

    /// <summary>What a <c>./berth</c> line must print, known by what it does; null when exit 0 is all it shows.</summary>
    private static Regex? Expected(string code, string comment)
    {
        var words = code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var command = string.Join(' ', words.Skip(1).Take(words[1] == "services" || words[1] == "apps" ? 2 : 1));
        var pattern = command switch
        {
            "services create" => @" running on \S+ at \S+:\d+, data on volume berth-svc-",
            "services ls" => @"^db\s+postgres\s+\S+\s+running\s",
            "services show" => @"\bberth-svc-db\b[\s\S]*\bused of \d+ GB",
            "apps create" => "^Created app ",
            "deploy" => @" is live with \d+ instance",
            "services bind" => @" bound to db: DATABASE_URL,[\s\S]*Rolling restart \S+ of tally \S+: succeeded",
            "services bindings" => @"^tally\s+DATABASE\s+berth_\S*\s+DATABASE_URL DATABASE_HOST",
            "services backups" => @"^b-\S+\s+succeeded\s",
            "services restore" => @" restored from b-\S+; running at ",
            "services backup" when words.Contains("off") => "scheduled backups stopped",
            "services backup" => @"backed up daily, the newest 7 kept",
            "services unbind" => @" unbound from db: DATABASE_\* removed[\s\S]*Rolling restart \S+ of tally \S+: succeeded",
            // Every event the comment names, in any order.
            "services events" => string.Concat(comment.TrimEnd('…', ' ').Split(", ").Select(type => $@"(?=[\s\S]*\b{type}\b)")),
            "services logs" => @"\S",
            "apps rm" => "^Removed app ",
            "services rm" => " removed with its data and backups\\.",
            _ => throw new InvalidOperationException($"the block's `{code}` is a command this test does not know: teach it what it prints"),
        };
        return new Regex(pattern, RegexOptions.Multiline);
    }

    /// <summary>Runs a command line with bash in the working folder, after the variables earlier lines set; fails unless it exits 0.</summary>
    private async Task<string> MustRunAsync(string line, string name)
    {
        var variables = Path.Combine(_sandbox.Path, "variables.sh");
        var assigned = Assignment().Match(Walkthrough.Code(line)) is { Success: true } assignment ? assignment.Groups[1].Value : null;
        var script = $"[ ! -f '{variables}' ] || . '{variables}'\n{line}\nstatus=$?\n"
            + (assigned is null ? "" : $"declare -p {assigned} >>'{variables}'\n")
            + "exit $status";
        using var process = ShellProcess.Start(script, Path.Combine(_sandbox.Path, "work"), _environment, Path.Combine(_sandbox.Path, "logs", name + ".log"));
        if (!await process.WaitAsync(CommandLimit))
        {
            await process.KillAsync();
            Assert.Fail($"`{line}` still ran after {CommandLimit}:\n{process.Output}");
        }

        Assert.True(process.ExitCode == 0, $"`{line}` exited with {process.ExitCode}:\n{process.Output}");
        return process.Output;
    }

    /// <summary>Removes the block's services' containers and volumes that a killed earlier run left on the engine.</summary>
    private static async Task RemoveLeftoversAsync()
    {
        foreach (var service in BlockServices)
        {
            if ((await DockerCli.RunAsync(null, "ps", "-aq", "--filter", $"name=^berth-svc-{service}$")).Trim() is { Length: > 0 } container)
            {
                await DockerCli.RunAsync(null, "rm", "-f", container);
            }

            if ((await DockerCli.RunAsync(null, "volume", "ls", "-q", "--filter", $"name=^berth-svc-{service}$")).Trim().Length > 0)
            {
                await DockerCli.RunAsync(null, "volume", "rm", $"berth-svc-{service}");
            }
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Berth.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("no Berth.slnx above the test's folder");
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex Assignment();

    public void Dispose() => _sandbox.Dispose();
}

using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.Cli.Tests.Client;

/// <summary>
/// <c>berth services</c> against a real Berth with the registry's service images: a Redis service through every
/// command (create, ls, show, bind, bindings, backup, backups, restore into it and into a new one, unbind, rm), and
/// the ways it refuses: an unknown service, a bad type, <c>rm</c> whose name is not typed, a backup of a server that
/// does not answer. Each refusal is one clear line and a non-zero exit.
/// </summary>
public sealed class ServicesCommandsServerTests(ServicesServer real) : ServerTest<ServicesServer>(real)
{
    [Fact]
    public async Task Services_RedisThroughEveryCommand_EachSucceedsAndSaysWhatItDid()
    {
        var (_, token) = await TenantWithTokenAsync();
        var service = $"r-{Guid.NewGuid():N}"[..12];
        var copy = $"{service}-copy";
        var app = $"c-{Guid.NewGuid():N}"[..12];

        var created = await MustAsync(token, "services", "create", service, "--type", "redis", "--memory", "64");
        Assert.Matches($@"^{service}: redis 7 running on local at \S+:\d+, data on volume berth-svc-{service}\.", created);
        Assert.Matches($@"(?m)^{service}\s+redis\s+7\s+running\s+local\s+\S+:\d+\s+64 MB\s", await MustAsync(token, "services", "ls"));
        Assert.Matches($@"(?m)^volume\s+berth-svc-{service}\s*$", await MustAsync(token, "services", "show", service));
        var shown = JsonDocument.Parse(await MustAsync(token, "services", "show", service, "--json")).RootElement;
        Assert.Equal("running", shown.GetProperty("state").GetString());

        await MustAsync(AdminToken, "base-images", "add", "counter");
        await MustAsync(token, "apps", "create", app, "--image", "counter", "--memory", "64", "--cpu-shares", "128");
        var bound = await MustAsync(token, "services", "bind", service, app, "--as", "cache");
        Assert.Contains($"{app} bound to {service}: CACHE_URL, ", bound);
        Assert.Contains("The app runs no instance: its next deploy gets the change.", bound);
        Assert.Matches($@"(?m)^{app}\s+CACHE\s+\S+\s+CACHE_URL ", await MustAsync(token, "services", "bindings", service));

        var backedUp = await MustAsync(token, "services", "backup", service);
        Assert.Matches(@"^b-\S+: \d+ bytes, sha256 [0-9a-f]{64}$", backedUp.Trim());
        var backup = backedUp.Split(':')[0];
        Assert.Matches($@"(?m)^{backup}\s+succeeded\s+\d+ B\s+[0-9a-f]{{64}}\s", await MustAsync(token, "services", "backups", service));
        Assert.StartsWith($"{service} restored from {backup}; running at ", await MustAsync(token, "services", "restore", service, backup));
        Assert.StartsWith($"{copy} restored from {backup}; running at ", await MustAsync(token, "services", "restore", service, backup, "--to", copy));
        Assert.Matches($@"(?m)^{copy}\s+redis\s+7\s+running\s", await MustAsync(token, "services", "ls"));

        Assert.StartsWith($"{app} unbound from {service}: CACHE_* removed, user ", await MustAsync(token, "services", "unbind", service, app));
        Assert.DoesNotContain(app, await MustAsync(token, "services", "bindings", service));
        var events = await MustAsync(token, "services", "events", service);
        Assert.All(new[] { "instanceStarted", "bound", "backedUp", "restored", "unbound" }, type => Assert.Matches($@"\b{type}\b", events));
        Assert.Equal($"{copy} removed with its data and backups.", (await MustAsync(token, "services", "rm", copy, "--yes", "--purge")).Trim());
        Assert.Equal($"{service} removed with its data and backups.", (await MustAsync(token, "services", "rm", service, "--yes", "--purge")).Trim());
        Assert.DoesNotContain(service, await MustAsync(token, "services", "ls"));
    }

    [Fact]
    public async Task Services_UnknownService_EachCommandSaysNotFoundAndExitsOne()
    {
        var (_, token) = await TenantWithTokenAsync();
        string[][] commands =
        [
            ["show", "nosuch"], ["rm", "nosuch", "--yes"], ["logs", "nosuch"], ["events", "nosuch"], ["bind", "nosuch", "someapp"],
            ["unbind", "nosuch", "someapp"], ["bindings", "nosuch"], ["backup", "nosuch"], ["backups", "nosuch"],
            ["restore", "nosuch", "b-1"], ["backup", "nosuch", "--schedule", "daily"], ["move", "nosuch", "--to", "local"],
        ];

        foreach (var command in commands)
        {
            var result = await RunAsAsync(token, ["services", .. command]);
            Assert.True(result.ExitCode == 1, $"services {string.Join(' ', command)} exited with {result.ExitCode}: {result.Out}{result.Error}");
            Assert.Equal("error: service 'nosuch' was not found", result.Error.Trim());
        }
    }

    [Fact]
    public async Task ServicesCreate_BadType_NamesTheTypesAndExitsOne()
    {
        var (_, token) = await TenantWithTokenAsync();

        var result = await RunAsAsync(token, "services", "create", $"o-{Guid.NewGuid():N}"[..12], "--type", "oracle");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("type one of postgres, mariadb, redis", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task ServicesRm_NameNotTyped_NotRemovedAndExitsOne_TypedRemoves()
    {
        var (_, token) = await TenantWithTokenAsync();
        var service = $"r-{Guid.NewGuid():N}"[..12];
        await MustAsync(token, "services", "create", service, "--type", "redis", "--memory", "64");

        foreach (var answer in new[] { "", "another\n" })
        {
            var refused = await AnsweringAsync(answer, token, "services", "rm", service, "--purge");
            Assert.Equal(1, refused.ExitCode);
            Assert.StartsWith($"Type the service's name ({service}) to remove it: ", refused.Out);
            Assert.Equal("Not removed: the name did not match.", refused.Error.Trim());
            Assert.Matches($@"(?m)^{service}\s+redis\s+7\s+running\s", await MustAsync(token, "services", "ls"));
        }

        var removed = await AnsweringAsync(service + "\n", token, "services", "rm", service, "--purge");

        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.EndsWith($"{service} removed with its data and backups.", removed.Out.Trim());
        Assert.DoesNotContain(service, await MustAsync(token, "services", "ls"));
    }

    [Fact]
    public async Task ServicesBackup_ServerPaused_FailedBackupListedAndExitsOne()
    {
        var (_, token) = await TenantWithTokenAsync();
        var service = $"r-{Guid.NewGuid():N}"[..12];
        await MustAsync(token, "services", "create", service, "--type", "redis", "--memory", "64");
        var container = (await DockerCli.RunAsync(null, "ps", "-q", "--no-trunc", "--filter", $"name=^berth-svc-{service}$")).Trim();
        await DockerCli.RunAsync(null, "pause", container);
        CliResult failed;
        try
        {
            failed = await RunAsAsync(token, "services", "backup", service);
        }
        finally
        {
            await DockerCli.RunAsync(null, "unpause", container);
        }

        Assert.Equal(1, failed.ExitCode);
        Assert.Matches(@"^Backup b-\S+ failed: \S", failed.Error.Trim());
        Assert.Empty(failed.Out);
        var backup = failed.Error.Trim().Split(' ')[1];
        Assert.Matches($@"(?m)^{backup}\s+failed \(", await MustAsync(token, "services", "backups", service));
        Assert.Matches(@"\bbackupFailed\b", await MustAsync(token, "services", "events", service));
        await MustAsync(token, "services", "rm", service, "--yes", "--purge");
    }

    /// <summary>Runs the command as <paramref name="token"/>'s tenant with <paramref name="input"/> typed at its prompt.</summary>
    private Task<CliResult> AnsweringAsync(string input, string token, params string[] args) =>
        CliRunner.RunAsync(ClientEnvironment() with { Input = new StringReader(input) }, [.. args, "--url", Server.ApiUrl, "--token", token]);

    /// <summary>Runs the command as <paramref name="token"/>'s tenant; it must exit 0. Returns what it printed.</summary>
    private async Task<string> MustAsync(string token, params string[] args)
    {
        var result = await RunAsAsync(token, args);
        Assert.True(result.ExitCode == 0, $"berth {string.Join(' ', args)} exited with {result.ExitCode}:\n{result.Out}{result.Error}");
        return result.Out;
    }
}

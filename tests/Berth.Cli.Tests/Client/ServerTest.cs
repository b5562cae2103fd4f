using System.Text.Json;
using Berth.Client;
using Berth.Hosting;

namespace Berth.Cli.Tests.Client;

/// <summary>Commands against a real Berth of type <typeparamref name="TServer"/> shared by the class, run as the admin; a fixture type of its own gives a class whose tests start instances host ports no other class uses.</summary>
public abstract class ServerTest<TServer>(TServer real) : IClassFixture<TServer>, IDisposable
    where TServer : RealServer
{
    /// <summary>How often a followed deployment is polled: a real one takes seconds, so faster only loads the shared machine.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly TempDirectory _temp = new();

    /// <summary>The class's fixture.</summary>
    protected TServer Fixture => real;

    /// <summary>The running control plane.</summary>
    protected BerthServer Server => real.Server;

    /// <summary>The admin's token.</summary>
    private protected string AdminToken => real.AdminToken;

    /// <summary>The environment commands run in: a temporary home and working directory.</summary>
    private protected ClientEnvironment ClientEnvironment() => _temp.Environment() with { PollInterval = PollInterval };

    /// <summary>Runs <c>berth</c> with <paramref name="args"/> against the server, as the admin.</summary>
    private protected Task<CliResult> RunAsync(params string[] args) => RunAsAsync(real.AdminToken, args);

    /// <summary>Runs <c>berth</c> with <paramref name="args"/> against the server with <paramref name="token"/>.</summary>
    private protected Task<CliResult> RunAsAsync(string token, params string[] args) =>
        CliRunner.RunAsync(ClientEnvironment(), [.. args, "--url", Server.ApiUrl, "--token", token]);

    /// <summary>Starts <c>berth</c> with <paramref name="args"/> (a command that follows) against the server, as the admin.</summary>
    private protected FollowingCommand Follow(params string[] args) => new(ClientEnvironment(), [.. args, "--url", Server.ApiUrl, "--token", real.AdminToken]);

    /// <summary>The app's instances as <c>berth instances --json</c> lists them: each one's id, container, version and host.</summary>
    private protected async Task<IReadOnlyList<(string Id, string ContainerId, string Version, string Host)>> InstancesAsync(string app)
    {
        CliResult listed = await RunAsync("instances", app, "--json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        return [.. JsonDocument.Parse(listed.Out).RootElement.EnumerateArray()
            .Select(instance => (
                instance.GetProperty("id").GetString()!, instance.GetProperty("containerId").GetString()!, instance.GetProperty("version").GetString()!,
                instance.GetProperty("host").GetString()!))];
    }

    /// <summary>Creates a tenant with a fresh name and returns the token <c>berth tenants create</c> printed for it.</summary>
    private protected async Task<(string Tenant, string Token)> TenantWithTokenAsync()
    {
        string tenant = $"t-{Guid.NewGuid():N}"[..12];
        CliResult created = await RunAsync("tenants", "create", tenant);
        Assert.True(created.ExitCode == 0, created.Error);
        return (tenant, created.Out.Split(Environment.NewLine).Single(line => line.StartsWith("  berth_", StringComparison.Ordinal)).Trim());
    }

    /// <summary>
    /// Creates an app with a fresh name on the sample image (127.0.0.1:5000/hello:{v1,v2}), small enough that a few
    /// instances fit on the shared machine, with <paramref name="options"/> of <c>berth apps create</c>.
    /// </summary>
    private protected async Task<string> CreateAppAsync(params string[] options)
    {
        string app = $"web-{Guid.NewGuid():N}"[..12];
        CliResult created = await RunAsync(["apps", "create", app, "--image", "hello", "--memory", "64", "--cpu-shares", "256", .. options]);
        Assert.True(created.ExitCode == 0, created.Error);
        return app;
    }

    /// <summary>Deploys <paramref name="version"/> of <paramref name="app"/> and follows it until it is live.</summary>
    private protected async Task DeployAsync(string app, string version, int instances = 1)
    {
        CliResult deployed = await RunAsync("deploy", app, version, "--instances", $"{instances}");
        Assert.True(deployed.ExitCode == 0, $"deploying {app} {version} failed:\n{deployed.Out}{deployed.Error}");
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}

using System.Text.Json;

namespace Berth.Cli.Tests.Client;

/// <summary><c>berth apps create</c> against a real Berth, as the admin.</summary>
public sealed class AppCreateCommandTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task Create_Options_CreatesTheAppWithApiDefaultsForTheRest()
    {
        string web = $"web-{Guid.NewGuid():N}"[..12];

        CliResult result = await RunAsync("apps", "create", web, "--port", "9000", "--env", "A=1", "--env", "B=x=y", "--on-failure", "replace");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Created app {web}", result.Out);
        CliResult shown = await RunAsync("apps", "show", web, "--json");
        Assert.Equal(0, shown.ExitCode);
        JsonElement app = JsonDocument.Parse(shown.Out).RootElement;
        Assert.Equal(web, app.GetProperty("id").GetString());
        Assert.Equal(9000, app.GetProperty("port").GetInt32());
        Assert.Equal(512, app.GetProperty("memoryMb").GetInt32());
        Assert.Equal("1", app.GetProperty("env").GetProperty("A").GetString());
        Assert.Equal("x=y", app.GetProperty("env").GetProperty("B").GetString());
        Assert.Equal("/_ping", app.GetProperty("healthCheck").GetProperty("path").GetString());
        Assert.Equal("replace", app.GetProperty("onFailure").GetString());
        Assert.Equal(2, app.GetProperty("drainSeconds").GetInt32());
    }

    [Fact]
    public async Task Create_EnvWithoutEquals_UsageErrorNamingTheArgument()
    {
        CliResult result = await RunAsync("apps", "create", "web", "--env", "FOO");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--env expects KEY=VALUE, got 'FOO'", result.Error);
    }

    [Fact]
    public async Task Create_UnknownFailurePolicy_UsageError()
    {
        CliResult result = await RunAsync("apps", "create", "web", "--on-failure", "ignore");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ignore", result.Error);
    }
}

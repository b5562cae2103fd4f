using System.Text.Json;
using Berth.Client;

namespace Berth.Cli.Tests.Client;

/// <summary>The CLI's habits against a real Berth: <c>-q</c> listings, <c>--json</c> on deploy, on setting a policy and on creating, <c>login --token-stdin</c>.</summary>
public sealed class CliHabitsServerTests(RealServer real) : RealServerTest(real)
{
    [Fact]
    public async Task AppsLs_Quiet_PrintsOnlyTheIdsOnePerLine()
    {
        string[] ids = [$"q-{Guid.NewGuid():N}"[..12], $"q-{Guid.NewGuid():N}"[..12]];
        foreach (var id in ids)
        {
            Assert.Equal(0, (await RunAsync("apps", "create", id)).ExitCode);
        }

        CliResult quiet = await RunAsync("apps", "ls", "-q");

        Assert.Equal(0, quiet.ExitCode);
        string[] lines = quiet.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The class shares its server: other tests' apps are listed too, each as a bare id.
        Assert.All(ids, id => Assert.Contains(id, lines));
        Assert.All(lines, line => Assert.Matches("^[a-z0-9-]+$", line));
    }

    [Fact]
    public async Task Deploy_JsonNoWait_PrintsTheAcceptedDeploymentAsJsonOnly()
    {
        string id = $"j-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("apps", "create", id)).ExitCode);

        CliResult deployed = await RunAsync("deploy", id, "v9", "--no-wait", "--json");

        Assert.Equal(0, deployed.ExitCode);
        var deployment = JsonDocument.Parse(deployed.Out).RootElement;
        Assert.Equal(id, deployment.GetProperty("appId").GetString());
        Assert.Equal("v9", deployment.GetProperty("version").GetString());
    }

    [Fact]
    public async Task PolicySet_Json_PrintsTheStoredPolicyAsJsonOnly()
    {
        string id = $"p-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await RunAsync("apps", "create", id)).ExitCode);

        CliResult https = await RunAsync("https", "set", id, "--redirect", "--hsts", "600", "--json");
        CliResult traffic = await RunAsync("traffic", "set", id, "--balancing", "least-requests", "--json");
        CliResult autoscale = await RunAsync("autoscale", "set", id, "--min", "1", "--max", "3", "--rps", "50", "--json");

        Assert.True(https.ExitCode == 0, https.Error);
        Assert.True(JsonDocument.Parse(https.Out).RootElement.GetProperty("httpsRedirect").GetBoolean());
        Assert.True(traffic.ExitCode == 0, traffic.Error);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(traffic.Out).RootElement.ValueKind);
        Assert.True(autoscale.ExitCode == 0, autoscale.Error);
        Assert.Equal(3, JsonDocument.Parse(autoscale.Out).RootElement.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task Create_Json_PrintsTheCreatedObjectAsJsonOnly()
    {
        string tenant = $"t{Guid.NewGuid():N}"[..12];
        string id = $"d-{Guid.NewGuid():N}"[..12];

        CliResult created = await RunAsync("tenants", "create", tenant, "--json");
        CliResult token = await RunAsync("tokens", "create", tenant, "--description", "ci", "--json");
        Assert.Equal(0, (await RunAsync("apps", "create", id)).ExitCode);
        CliResult domain = await RunAsync("domains", "add", id, $"{id}.example.org", "--json");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(created.Out).RootElement.GetProperty("token").GetString()));
        Assert.True(token.ExitCode == 0, token.Error);
        Assert.Equal("ci", JsonDocument.Parse(token.Out).RootElement.GetProperty("description").GetString());
        Assert.True(domain.ExitCode == 0, domain.Error);
        Assert.Equal($"{id}.example.org", JsonDocument.Parse(domain.Out).RootElement.GetProperty("domain").GetString());
    }

    [Fact]
    public async Task Login_TokenStdin_SavesTheTokenReadFromStandardInput()
    {
        ClientEnvironment environment = ClientEnvironment() with { Input = new StringReader(AdminToken + "\n") };

        CliResult login = await CliRunner.RunAsync(environment, "login", "--url", Server.ApiUrl, "--token-stdin");

        Assert.Equal(0, login.ExitCode);
        Assert.Equal(new SavedConfig(Server.ApiUrl, AdminToken), ConfigFile.Load(ConfigFile.PathFor(environment)));
    }

    [Fact]
    public async Task Login_TokenStdinEmpty_ClearErrorAndNothingSaved()
    {
        ClientEnvironment environment = ClientEnvironment() with { Input = new StringReader("") };

        CliResult login = await CliRunner.RunAsync(environment, "login", "--url", Server.ApiUrl, "--token-stdin");

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("standard input held no token", login.Error);
        Assert.False(File.Exists(ConfigFile.PathFor(environment)));
    }
}

using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Operations;

/// <summary>
/// The real <c>berth</c> executable reads one configuration root: a JSON file (<c>--config</c>), then <c>BERTH_</c>
/// variables, then flags; unprefixed variables still work with a warning; <c>berth config check</c> prints the effective
/// settings with secrets masked and names every key no part of Berth reads.
/// </summary>
public sealed class ConfigFileTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("berth-config-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task ConfigCheck_FileUnderVariables_EffectiveSettingsMaskedUnknownKeysNamedExit1()
    {
        var key = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var file = Write($$"""
            {
              "Berth": { "LocalPortRange": "26000-26099", "BaseDomain": "from-file.test", "SecretKey": "{{key}}", "Colour": "blue" },
              "State": { "Provider": "postgres", "ConnectionString": "Host=db;Username=berth;Password=hunter2;Database=berth" },
              "Gatway": { "HttpsUrl": "" }
            }
            """);

        var (exit, output, error) = await RunAsync(["config", "check", "--config", file], new()
        {
            ["BERTH_Berth__BaseDomain"] = "from-variable.test",
            ["Scheduling__DefaultStrategy"] = "spread",
            ["BERTH_Discovery__Passwrd"] = "x",
        });

        Assert.Equal(1, exit);
        var settings = JsonDocument.Parse(output).RootElement;
        Assert.Equal(file, settings.GetProperty("file").GetString());
        Assert.Equal("26000-26099", settings.GetProperty("Berth").GetProperty("LocalPortRange").GetString());
        Assert.Equal("from-variable.test", settings.GetProperty("Berth").GetProperty("BaseDomain").GetString());
        Assert.Equal("spread", settings.GetProperty("Scheduling").GetProperty("DefaultStrategy").GetString());
        Assert.Equal("(masked)", settings.GetProperty("Berth").GetProperty("SecretKey").GetString());
        Assert.Equal("Host=db;Username=berth;Password=(masked);Database=berth", settings.GetProperty("State").GetProperty("ConnectionString").GetString());
        Assert.DoesNotContain("hunter2", output + error);
        Assert.DoesNotContain(key, output + error);

        Assert.Contains($"unknown key: Berth:Colour (file {file})", error);
        Assert.Contains($"unknown key: Gatway:HttpsUrl (file {file})", error);
        Assert.Contains("unknown key: Discovery:Passwrd (variable BERTH_Discovery__Passwrd)", error);
        Assert.Contains("warning: Scheduling__DefaultStrategy is a setting without the BERTH_ prefix; use BERTH_Scheduling__DefaultStrategy", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task ConfigCheck_BadValueOrMissingFile_ErrorNamingItExit1()
    {
        var file = Write("""{ "Scheduling": { "DefaultStrategy": "fastest" }, "Berth": { "LaunchParallelism": "many" } }""");

        var (exit, _, error) = await RunAsync(["config", "check", "--config", file]);

        Assert.Equal(1, exit);
        Assert.Contains("error: Scheduling:DefaultStrategy 'fastest' is not known", error);
        Assert.Contains("LaunchParallelism", error);
        Assert.DoesNotContain("   at ", error);

        var missing = Path.Combine(_folder.FullName, "absent.json");
        (exit, _, error) = await RunAsync(["config", "check", "--config", missing]);
        Assert.Equal(1, exit);
        Assert.Contains($"error: the config file {missing} does not exist", error);
    }

    [Fact]
    public async Task ConfigCheck_KnownSettingsOnly_Exit0()
    {
        var file = Write("""{ "Berth": { "Healing": { "LeaderTtl": "00:00:20" } }, "Gateway": { "TrustedProxies": [ "10.0.0.0/8" ] }, "Logging": { "LogLevel": { "Default": "Warning" } } }""");

        var (exit, output, error) = await RunAsync(["config", "check", "--config", file], new() { ["BERTH_Discovery__Endpoints__0"] = "http://127.0.0.1:2379" });

        Assert.True(exit == 0, error);
        var settings = JsonDocument.Parse(output).RootElement;
        Assert.Equal("00:00:20", settings.GetProperty("Berth").GetProperty("Healing").GetProperty("LeaderTtl").GetString());
        Assert.False(settings.GetProperty("Berth").TryGetProperty("Gateway", out _), "the gateway's settings are printed under Gateway only");
        Assert.Equal("10.0.0.0/8", settings.GetProperty("Gateway").GetProperty("TrustedProxies")[0].GetString());
        Assert.Equal("http://127.0.0.1:2379", settings.GetProperty("Discovery").GetProperty("Endpoints")[0].GetString());
        Assert.Contains("ok: settings from", error);
    }

    [Fact]
    public async Task Server_ConfigFile_ListensWhereTheFileSaysAndReadsEverySectionFromIt()
    {
        var apiUrl = $"http://127.0.0.1:{BerthProcess.FreePort()}";
        var ports = BerthTestServer.FreeSlice(5);
        var data = Path.Combine(_folder.FullName, "data");
        var file = Write($$"""{ "Berth": { "ApiUrl": "{{apiUrl}}", "LocalPortRange": "{{ports}}-{{ports + 4}}", "DataDirectory": "{{data}}" } }""");
        using var server = ChildProcess.Start("dotnet", [BerthProcess.Executable, "server", "--config", file]);
        try
        {
            await server.WaitForHealthAsync($"{apiUrl}/healthz", "berth server answering where its config file says", Limit);
            Assert.True(File.Exists(Path.Combine(data, "admin.token")), server.Output);
        }
        finally
        {
            await server.StopAsync();
        }

        // The scheduler's section comes from the same file: a bad strategy there stops the start, naming it.
        var bad = Write("""{ "Scheduling": { "DefaultStrategy": "fastest" } }""", "bad.json");
        using var refused = ChildProcess.Start("dotnet", [BerthProcess.Executable, "server", "--config", bad, "--data", Path.Combine(_folder.FullName, "bad")]);
        await refused.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error: could not start: Scheduling:DefaultStrategy 'fastest' is not known", refused.Output);
    }

    private string Write(string json, string name = "berth.json")
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet", [BerthProcess.Executable, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}

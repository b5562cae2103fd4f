using System.Diagnostics;

namespace Berth.ControlPlane.Tests;

/// <summary>The real <c>berth</c> executable refuses bad settings with one sentence and a non-zero exit, no stack trace.</summary>
public sealed class BadSettingsTests
{
    [Theory]
    [InlineData("up", "--trusted-proxy", "bogus", "--data", "{data}", "--listen", "http://127.0.0.1:0", "--gateway-listen", "http://127.0.0.1:0")]
    [InlineData("gateway", "--trusted-proxy", "bogus", "--listen", "http://127.0.0.1:0", "--discovery", "etcd", "--discovery-endpoint", "http://127.0.0.1:2379")]
    public async Task Start_BadTrustedProxy_OneLineErrorAndExit1(params string[] arguments)
    {
        var data = Directory.CreateTempSubdirectory("berth-bad-settings-");
        try
        {
            var resolved = arguments.Select(a => a.Replace("{data}", data.FullName)).ToArray();
            var info = resolved[0] == "gateway"
                ? BerthProcess.GatewayStartInfo(resolved[1..])
                : new ProcessStartInfo("dotnet", [BerthProcess.Executable, .. resolved]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var everything = await output + await error;

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("error: could not start: Gateway:TrustedProxies must list IP addresses or CIDR ranges", everything);
            Assert.DoesNotContain("   at ", everything);
            Assert.DoesNotContain("Exception", everything);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("BERTH_Berth__LaunchParallelism=0", "Berth:LaunchParallelism must be positive, not 0.", true)]
    [InlineData("BERTH_Berth__Healing__HeartbeatInterval=-00:00:01", "Berth:Healing:HeartbeatInterval must be positive", true)]
    [InlineData("BERTH_Berth__LocalPortRange=26000-25000", "Berth:LocalPortRange must be START-END", true)]
    [InlineData("BERTH_Berth__ApiUrl=127.0.0.1:7070", "Berth:ApiUrl must be an http:// or https:// URL", true)]
    // The scheduler's settings are checked as the control plane's services are built, after the data folder is made.
    [InlineData("BERTH_Scheduling__DefaultStrategy=fastest", "Scheduling:DefaultStrategy 'fastest' is not known", false)]
    public async Task Server_BadSetting_OneLineErrorNamingTheKeyAndExit1(string setting, string message, bool nothingOpened)
    {
        var data = Directory.CreateTempSubdirectory("berth-bad-settings-");
        try
        {
            var info = new ProcessStartInfo("dotnet", [BerthProcess.Executable, "server", "--data", data.FullName])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            info.Environment[name] = value;
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var everything = await output + await error;

            Assert.Equal(1, process.ExitCode);
            Assert.Contains($"error: could not start: {message}", everything);
            Assert.DoesNotContain("   at ", everything);
            Assert.DoesNotContain("Exception", everything);
            // Refused before anything was opened: no database, no token.
            Assert.True(!nothingOpened || !data.EnumerateFileSystemInfos().Any(), "the data folder is not empty");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

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
    [InlineData("BERTH_Berth__ApiUrl=https://127.0.0.1:0", "Berth:ApiUrl https://127.0.0.1:0 is https:// but the API has no certificate", true)]
    [InlineData("BERTH_Berth__ApiTlsCert=/nonexistent/api.crt", "Berth:ApiTlsCert and Berth:ApiTlsKey (--api-tls-cert, --api-tls-key) go together", true)]
    // The scheduler's settings are checked as the control plane's services are built, after the data folder is made.
    [InlineData("BERTH_Scheduling__DefaultStrategy=fastest", "Scheduling:DefaultStrategy 'fastest' is not known", false)]
    public async Task Server_BadSetting_OneLineErrorNamingTheKeyAndExit1(string setting, string message, bool nothingOpened)
    {
        var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        await ServerRefusesAsync([], new() { [name] = value }, message, nothingOpened);
    }

    [Theory]
    [InlineData("missing", "Berth:ApiTlsCert: there is no file")]
    [InlineData("garbage", "Berth:ApiTlsCert and Berth:ApiTlsKey must be a PEM certificate and its unencrypted private key")]
    [InlineData("another key", "Berth:ApiTlsKey: the key in")]
    [InlineData("expired", "Berth:ApiTlsCert: the certificate in")]
    public async Task Server_BadApiTlsFiles_OneLineErrorNamingTheSettingAndExit1(string files, string message)
    {
        var folder = Directory.CreateTempSubdirectory("berth-api-tls-");
        try
        {
            var (certificate, key) = (Path.Combine(folder.FullName, "api.crt"), Path.Combine(folder.FullName, "api.key"));
            using var ownKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=berth.test", ownKey, HashAlgorithmName.SHA256);
            var now = DateTimeOffset.UtcNow;
            using var made = files == "expired" ? request.CreateSelfSigned(now.AddDays(-10), now.AddDays(-1)) : request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
            if (files != "missing")
            {
                await File.WriteAllTextAsync(certificate, files == "garbage" ? "not a certificate" : made.ExportCertificatePem(), TestContext.Current.CancellationToken);
                await File.WriteAllTextAsync(key, (files == "another key" ? otherKey : ownKey).ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
            }

            await ServerRefusesAsync(["--api-tls-cert", certificate, "--api-tls-key", key], [], message, nothingOpened: true);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts <c>berth server</c> with a fresh data folder and expects one line of refusal, exit 1, nothing opened when so said.</summary>
    private static async Task ServerRefusesAsync(string[] flags, Dictionary<string, string> variables, string message, bool nothingOpened)
    {
        var data = Directory.CreateTempSubdirectory("berth-bad-settings-");
        try
        {
            var info = new ProcessStartInfo("dotnet", [BerthProcess.Executable, "server", "--data", data.FullName, .. flags])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (name, value) in variables)
            {
                info.Environment[name] = value;
            }

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

using System.Net;
using System.Net.Sockets;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// A Berth that is the token server of a registry of its own: a real docker-registry in token mode, started by
/// the project's script on a free port with keys made by scripts/registry-auth.sh, stopped and removed afterwards.
/// </summary>
public sealed class TokenRegistry : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-token-registry-").FullName;

    public BerthTestServer Berth { get; private set; } = null!;

    /// <summary>host:port of the registry.</summary>
    public string Address { get; private set; } = null!;

    /// <summary>A fresh, empty docker CLI config folder: a user who has not logged in.</summary>
    public string NewDockerConfig() => Directory.CreateDirectory(Path.Combine(_directory, "docker-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public async ValueTask InitializeAsync()
    {
        var auth = Path.Combine(_directory, "auth");
        await Commands.ScriptAsync("registry-auth.sh", "--dir", auth);
        Address = $"127.0.0.1:{FreePort()}";
        Berth = await BerthTestServer.StartAsync(configure: options =>
        {
            options.RegistrySigningKey = Path.Combine(auth, "signing.key");
            options.Registry = Address;
        });
        await Commands.ScriptAsync(
            "start-registry.sh", "--addr", Address, "--dir", Path.Combine(_directory, "registry"), "--auth-dir", auth,
            "--token", "--realm", $"{Berth.Server.ApiUrl}/v1/registry/token");
    }

    public async ValueTask DisposeAsync()
    {
        await Berth.DisposeAsync();
        var pidFile = Path.Combine(_directory, "registry", "registry.pid");
        if (File.Exists(pidFile))
        {
            await StopAsync(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }

        // Tags the tests made on the shared engine.
        var (_, images) = await Commands.RunAsync("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}", "--filter", $"reference={Address}/*"]);
        foreach (var image in images.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await Commands.RunAsync("docker", ["rmi", "-f", image]);
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Stops the registry this fixture started, by the pid its script recorded.</summary>
    private static async Task StopAsync(int pid)
    {
        try
        {
            using var registry = System.Diagnostics.Process.GetProcessById(pid);
            registry.Kill();
            await registry.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Exited already.
        }
    }

    /// <summary>A port in 5100-5999 nothing listens on now.</summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(5100, 6000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("no free port in 5100-5999");
    }
}

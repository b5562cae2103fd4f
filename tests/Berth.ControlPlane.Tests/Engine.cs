using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary>Reads what the engine itself says about a container, over its socket, to check what Berth asked for.</summary>
public static class Engine
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint("/var/run/docker.sock"), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://engine"),
    };

    public static Task<JsonElement> InspectAsync(string containerId) => Client.GetFromJsonAsync<JsonElement>($"/containers/{containerId}/json");

    /// <summary>The names of the engine's networks whose name contains <paramref name="filter"/>.</summary>
    public static async Task<string[]> NetworksAsync(string filter) =>
        [.. (await Client.GetFromJsonAsync<JsonElement[]>($"/networks?filters={Uri.EscapeDataString($"{{\"name\":{{\"{filter}\":true}}}}")}") ?? [])
            .Select(n => n.GetProperty("Name").GetString()!)];

    /// <summary>The container's environment as NAME → value.</summary>
    public static async Task<Dictionary<string, string>> EnvAsync(string containerId) =>
        (await InspectAsync(containerId)).GetProperty("Config").GetProperty("Env").EnumerateArray()
            .Select(e => e.GetString()!.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
}

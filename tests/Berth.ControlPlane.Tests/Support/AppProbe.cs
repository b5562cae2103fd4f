using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>Reads an app's instances, discovery entries and events through the API, as a tenant sees them.</summary>
public sealed class AppProbe(HttpClient client, string appId)
{
    public string AppId { get; } = appId;

    public async Task<JsonElement[]> InstancesAsync() =>
        await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{AppId}/instances", BerthTestServer.Json) ?? [];

    /// <summary>The container ids discovery lists for the app.</summary>
    public async Task<string[]> DiscoveredAsync() =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{AppId}", BerthTestServer.Json) ?? [])
            .Select(e => e.GetProperty("key").GetString()!.Split('/')[^1]).ToArray();

    public async Task<JsonElement[]> EventsAsync() =>
        await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{AppId}/events?limit=1000", BerthTestServer.Json) ?? [];

    public async Task<string[]> EventTypesAsync() => (await EventsAsync()).Select(e => e.GetProperty("type").GetString()!).ToArray();

    public async Task<JsonElement?> InstanceAsync(string instanceId) =>
        (await InstancesAsync()).Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("id").GetString() == instanceId);

    public static string Id(JsonElement instance) => instance.GetProperty("id").GetString()!;

    public static string ContainerId(JsonElement instance) => instance.GetProperty("containerId").GetString()!;

    public static string State(JsonElement instance) => instance.GetProperty("state").GetString()!;
}

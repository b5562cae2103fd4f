using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Support;

/// <summary>
/// Compares an app's wanted state with what is: its instances in the store, its containers on every engine, its
/// discovery entries and what the gateway answers. Nothing orphaned, nothing doubled, nothing lost.
/// </summary>
public static class Convergence
{
    /// <summary>What still differs, or null when all agree that the app runs <paramref name="count"/> of <paramref name="version"/> (or is gone when null).</summary>
    /// <param name="engines">The docker hosts to look on; null is the shared engine.</param>
    /// <param name="gateway">A GET of the app through the gateway.</param>
    public static async Task<string?> DifferenceAsync(
        HttpClient client, string appId, string? version, int count, IReadOnlyList<string?> engines, Func<Task<HttpResponseMessage>> gateway)
    {
        var containers = new Dictionary<string, string>();
        foreach (var engine in engines)
        {
            var listed = await DockerCli.RunAsync(engine, "ps", "-a", "--no-trunc", "--filter", $"label=berth.app={appId}", "--format", "{{.ID}} {{.State}}");
            foreach (var line in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                containers[line.Split(' ')[0]] = line.Split(' ')[1];
            }
        }

        var app = await client.GetAsync($"/v1/apps/{appId}");
        if (version is null)
        {
            return app.StatusCode == HttpStatusCode.NotFound && containers.Count == 0 ? null : $"app answers {(int)app.StatusCode}, {containers.Count} container(s) left";
        }

        var view = await app.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        if (view.GetProperty("activeVersion").GetString() != version || view.GetProperty("instances").GetInt32() != count)
        {
            return $"app wants {view.GetProperty("activeVersion")} x {view.GetProperty("instances")}";
        }

        var instances = await client.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{appId}/instances", BerthTestServer.Json) ?? [];
        var serving = instances.Where(i => AppProbe.State(i) == "running" && i.GetProperty("health").GetString() == "healthy" && i.GetProperty("version").GetString() == version).ToList();
        if (instances.Length != count || serving.Count != count)
        {
            return $"instances: {string.Join(", ", instances.Select(i => $"{AppProbe.Id(i)} {i.GetProperty("version")} {AppProbe.State(i)} on {i.GetProperty("host")}"))}";
        }

        var wanted = serving.ToDictionary(AppProbe.ContainerId, i => i.GetProperty("address").GetString());
        if (!containers.Keys.Order().SequenceEqual(wanted.Keys.Order()) || containers.Values.Any(state => state != "running"))
        {
            return $"containers: {string.Join(", ", containers.Select(c => $"{c.Key[..12]} {c.Value}"))}";
        }

        var entries = (await client.GetFromJsonAsync<JsonElement[]>($"/v1/discovery/{appId}", BerthTestServer.Json) ?? [])
            .ToDictionary(e => e.GetProperty("key").GetString()!.Split('/')[^1], e => e.GetProperty("value").GetString());
        if (entries.Count != count || entries.Any(e => wanted.GetValueOrDefault(e.Key) != e.Value))
        {
            return $"discovery: {string.Join(", ", entries.Select(e => $"{e.Key[..12]}={e.Value}"))}";
        }

        if (wanted.Values.Distinct().Count() != count)
        {
            return "two instances share an address";
        }

        var response = await gateway();
        var body = await response.Content.ReadAsStringAsync();
        return body.StartsWith($"hello {version} from", StringComparison.Ordinal) ? null : $"gateway answered {(int)response.StatusCode} {body}";
    }

    /// <summary>Waits until <see cref="DifferenceAsync"/> finds nothing; the failure shows the last difference and <paramref name="context"/>.</summary>
    public static async Task WaitAsync(
        HttpClient client, string appId, string? version, int count, IReadOnlyList<string?> engines, Func<Task<HttpResponseMessage>> gateway,
        TimeSpan limit, string what, Func<string>? context = null)
    {
        string? last = null;
        await Poll.TrueAsync(async () => (last = await DifferenceAsync(client, appId, version, count, engines, gateway)) is null,
            limit, what, TimeSpan.FromMilliseconds(250), () => $"{last}\n{context?.Invoke()}");
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.Bench.Shared;

namespace Berth.Bench.Projects;

/// <summary>Berth's side: <c>PUT /v1/projects/{name}</c> of the file, then curl through the gateway until the chain answers.</summary>
internal sealed class BerthProjects(BerthProcess berth)
{
    public async Task<ProjectMeasurement> MeasureAsync(string compose, int round)
    {
        var name = $"shop{round}";
        var clock = Stopwatch.StartNew();
        var accepted = await berth.Admin.PutAsync($"/v1/projects/{name}", new StringContent(compose, Encoding.UTF8, "application/yaml"));
        if (!accepted.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the deploy was refused: {await accepted.Content.ReadAsStringAsync()}");
        }

        await Chain.UntilAnsweredAsync($"{berth.GatewayUrl}/cgi-bin/value", host: $"{name}-web.localhost");
        var answered = clock.Elapsed;
        while (await StateAsync(name) is var state && state != "running")
        {
            if (state == "failed")
            {
                throw new InvalidOperationException($"project {name} failed");
            }

            await Task.Delay(10);
        }

        var done = clock.Elapsed;
        (await berth.Admin.DeleteAsync($"/v1/projects/{name}")).EnsureSuccessStatusCode();
        return new ProjectMeasurement("berth", answered, done);
    }

    private async Task<string?> StateAsync(string name) =>
        (await berth.Admin.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}")).GetProperty("state").GetString();
}

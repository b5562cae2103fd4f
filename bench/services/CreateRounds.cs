using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.Bench.Services;

/// <summary>Berth's side of the start-up: <c>POST /v1/services</c> answers once the server answered its protocol's query, so that is the first one.</summary>
internal sealed class CreateRounds(HttpClient tenant)
{
    private int _service;

    public async Task<Measurement> MeasureAsync(ServiceKinds kind)
    {
        var name = $"bench-{kind.Type}-{_service++}";
        var clock = Stopwatch.StartNew();
        var created = await tenant.PostAsJsonAsync("/v1/services", new { name, type = kind.Type });
        var first = clock.Elapsed;
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        if (!created.IsSuccessStatusCode || view.GetProperty("state").GetString() != "running")
        {
            throw new InvalidOperationException($"service {name} did not start: {view}");
        }

        (await tenant.DeleteAsync($"/v1/services/{name}?purge=true")).EnsureSuccessStatusCode();
        return new Measurement("berth", kind.Type, first);
    }
}

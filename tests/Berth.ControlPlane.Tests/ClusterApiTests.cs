using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests;

/// <summary><c>GET /v1/cluster/leader</c> on a control plane alone on its state (SQLite, embedded discovery).</summary>
public sealed class ClusterApiTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Leader_AloneOnItsState_LeadsWithoutAnElectionAndRunsAllTheWork()
    {
        var view = await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/cluster/leader", BerthTestServer.Json);

        Assert.Equal(view.GetProperty("self").GetString(), view.GetProperty("leader").GetString());
        Assert.True(view.GetProperty("leading").GetBoolean());
        Assert.False(view.GetProperty("elected").GetBoolean());
        var last = "";
        await Support.Poll.TrueAsync(async () =>
        {
            var work = (await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/cluster/leader", BerthTestServer.Json)).GetProperty("work");
            last = work.ToString();
            return work.EnumerateArray().Select(w => w.GetString()).ToHashSet().SetEquals(LeaderHandOverTests.LeaderWork);
        }, TimeSpan.FromSeconds(30), "every kind of leader work running", diagnose: () => last);
    }

    [Fact]
    public async Task Leader_AsATenant_IsForbidden()
    {
        var tenant = await _berth.TenantAsync("cluster-readers");

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync("/v1/cluster/leader")).StatusCode);
    }
}

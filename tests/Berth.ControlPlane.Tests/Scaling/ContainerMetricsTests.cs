using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests.Scaling;

/// <summary>Every instance's CPU and memory, read from the real engine's stats by the leader, in the API and in <c>/metrics</c>.</summary>
public sealed class ContainerMetricsTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() =>
        _berth = await BerthTestServer.StartAsync(configure: o => o.Metrics.Interval = TimeSpan.FromSeconds(1));

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task ListInstances_RunningApp_ShowsCpuAndMemoryOfEachInstance()
    {
        var tenant = await _berth.TenantAsync("metrics");
        var id = await DeployHelloAsync(tenant, "metrics", 2);
        var last = "";

        var instances = await Poll.GetAsync(async () =>
        {
            var list = await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/instances", BerthTestServer.Json);
            last = JsonSerializer.Serialize(list);
            return list!.All(i => i.GetProperty("memoryUsedBytes").ValueKind == JsonValueKind.Number) ? list : null;
        }, TimeSpan.FromSeconds(60), "both instances' stats read", diagnose: () => last);

        Assert.Equal(2, instances.Length);
        Assert.All(instances, i =>
        {
            Assert.True(i.GetProperty("cpuPercent").GetDouble() >= 0);
            Assert.InRange(i.GetProperty("memoryUsedBytes").GetInt64(), 1, i.GetProperty("memoryLimitBytes").GetInt64());
        });
    }

    [Fact]
    public async Task Metrics_FromLoopback_ListsEveryInstanceInPrometheusText()
    {
        var tenant = await _berth.TenantAsync("scrape");
        var id = await DeployHelloAsync(tenant, "scrape", 1);
        using var anonymous = new HttpClient { BaseAddress = _berth.Admin.BaseAddress };

        var text = await Poll.GetAsync(async () =>
        {
            var body = await anonymous.GetStringAsync("/metrics");
            return body.Contains($"berth_instance_memory_used_bytes{{app=\"{id}\"", StringComparison.Ordinal) ? body : null;
        }, TimeSpan.FromSeconds(30), "the instance in /metrics");

        Assert.Contains("# TYPE berth_instance_cpu_percent gauge", text, StringComparison.Ordinal);
        Assert.Contains($"berth_instance_memory_limit_bytes{{app=\"{id}\",version=\"v1\"", text, StringComparison.Ordinal);
        Assert.Contains("berth_metrics_sampled_timestamp_seconds ", text, StringComparison.Ordinal);
    }
}

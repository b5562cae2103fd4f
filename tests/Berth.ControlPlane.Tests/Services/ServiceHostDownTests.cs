using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// A service whose host stops answering (the private engine frozen): marked down with a <c>hostDown</c> event and
/// left there with its data, never moved silently; running again once the host answers.
/// </summary>
public sealed class ServiceHostDownTests(PrivateEngine engine) : IClassFixture<PrivateEngine>, IAsyncLifetime
{
    private const string HostName = "engine9";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private string? _service;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("svcdown");
        // Far more memory than the local host offers: the scheduler places the service there.
        var capacity = await _berth.Server.Services.GetRequiredService<IContainerRuntimeFactory>().Get(engine.Endpoint).GetCapacityAsync(CancellationToken.None);
        await _berth.Server.Services.GetRequiredService<IStateStore>().UpsertHostAsync(new Host
        {
            Name = HostName,
            Engine = engine.Endpoint,
            AdvertiseIp = PrivateEngine.AdvertiseIp,
            PortRangeStart = 31920,
            PortRangeEnd = 31929,
            MemoryMb = capacity.MemoryMb * 100,
            CpuShares = capacity.Cpus * 8192L,
        }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await engine.ThawAsync();
        if (_service is not null)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{_service}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Fact]
    public async Task HostDown_Service_MarkedDownWithEventStaysAndRunsAgainWhenBack()
    {
        _service = BerthTestServer.UniqueAppId("down");
        var created = await (await _tenant.PostAsJsonAsync("/v1/services", new { name = _service, type = "redis" })).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.Equal(("running", HostName), (created.GetProperty("state").GetString(), created.GetProperty("host").GetString()));

        await engine.FreezeAsync();
        await Eventually.TrueAsync(async () => (await ServiceAsync()).GetProperty("state").GetString() == "down", Limit);
        var down = await ServiceAsync();
        Assert.Equal(HostName, down.GetProperty("host").GetString());
        Assert.Contains(HostName, down.GetProperty("reason").GetString());
        Assert.Contains("hostDown", await EventTypesAsync());

        await engine.ThawAsync();
        await Eventually.TrueAsync(async () => (await ServiceAsync()).GetProperty("state").GetString() == "running", Limit);
        Assert.Equal(created.GetProperty("address").GetString(), (await ServiceAsync()).GetProperty("address").GetString());
    }

    private Task<JsonElement> ServiceAsync() => _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{_service}", BerthTestServer.Json);

    private async Task<string[]> EventTypesAsync() =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{_service}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}

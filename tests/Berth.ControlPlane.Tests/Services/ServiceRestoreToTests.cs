using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Services;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// <c>restore --to NEW</c> on the real engine with Berth's service images: a new service of the same type is made from
/// the backup and holds the backup's data, while the service the backup is of keeps what it has now. For each type.
/// </summary>
public sealed class ServiceRestoreToTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private readonly List<string> _created = [];

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("restoreowner");
        // A restore into a new service answers once that one was created and loaded: minutes on a busy machine.
        _tenant.Timeout = TimeSpan.FromMinutes(5);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _created)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{id}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("mariadb")]
    [InlineData("postgres")]
    public async Task RestoreTo_NewName_NewServiceHoldsTheBackupsDataAndTheOldOneItsOwn(string type)
    {
        var source = await CreateAsync(type);
        var (before, beforePassword) = await StoredAsync(source);
        await ServiceData.WriteAsync(type, before.ContainerId!, before.DatabaseName, beforePassword, 42);
        var backup = await (await _tenant.PostAsync($"/v1/services/{source}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(backup.GetProperty("state").GetString() == "succeeded", backup.ToString());
        await ServiceData.WriteAsync(type, before.ContainerId!, before.DatabaseName, beforePassword, 7);

        var copy = BerthTestServer.UniqueAppId("copy");
        _created.Add(copy);
        var response = await _tenant.PostAsJsonAsync($"/v1/services/{source}/restore", new { backup = backup.GetProperty("id").GetString(), to = copy });

        var restored = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, restored.ToString());
        Assert.Equal((copy, type, "running"), (restored.GetProperty("id").GetString(), restored.GetProperty("type").GetString(), restored.GetProperty("state").GetString()));
        var (made, madePassword) = await StoredAsync(copy);
        Assert.Equal((before.MemoryMb, before.StorageGb), (made.MemoryMb, made.StorageGb));
        Assert.NotEqual(before.ContainerId, made.ContainerId);
        Assert.Equal("42", await ServiceData.ReadAsync(type, made.ContainerId!, made.DatabaseName, madePassword));
        Assert.Equal("7", await ServiceData.ReadAsync(type, before.ContainerId!, before.DatabaseName, beforePassword));
        Assert.True(restored.GetProperty("createdAt").GetDateTimeOffset() >= backup.GetProperty("createdAt").GetDateTimeOffset(), restored.ToString());
        Assert.Equal(["instanceStarted", "restored"], (await EventTypesAsync(copy)).Where(t => t is "instanceStarted" or "restored"));
    }

    [Fact]
    public async Task RestoreTo_PastTheServicesQuota_403AndNoServiceMade()
    {
        var source = await CreateAsync("redis");
        var backup = await (await _tenant.PostAsync($"/v1/services/{source}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.PutAsJsonAsync("/v1/tenants/restoreowner/quota", new { services = 1 })).StatusCode);
        var copy = BerthTestServer.UniqueAppId("copy");
        _created.Add(copy);

        var response = await _tenant.PostAsJsonAsync($"/v1/services/{source}/restore", new { backup = backup.GetProperty("id").GetString(), to = copy });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, body);
        Assert.Contains("services", body);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.GetAsync($"/v1/services/{copy}")).StatusCode);
    }

    [Fact]
    public async Task RestoreTo_NameTaken_ConflictAndNothingChanged()
    {
        var source = await CreateAsync("redis");
        var other = await CreateAsync("redis");
        var backup = await (await _tenant.PostAsync($"/v1/services/{source}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);

        var response = await _tenant.PostAsJsonAsync($"/v1/services/{source}/restore", new { backup = backup.GetProperty("id").GetString(), to = other });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(other, await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("restored", await EventTypesAsync(other));
    }

    private async Task<string> CreateAsync(string type)
    {
        var id = BerthTestServer.UniqueAppId(type);
        _created.Add(id);
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = id, type });
        var service = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created && service.GetProperty("state").GetString() == "running", service.ToString());
        return id;
    }

    private async Task<(ManagedService Service, string AdminPassword)> StoredAsync(string id)
    {
        var service = await _berth.Server.Services.GetRequiredService<IServiceStore>().GetServiceAsync(id, CancellationToken.None)
            ?? throw new InvalidOperationException($"service {id} is not stored");
        return (service, _berth.Server.Services.GetRequiredService<ServiceLauncher>().AddressOf(service).AdminPassword);
    }

    private async Task<string[]> EventTypesAsync(string id) =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{id}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}

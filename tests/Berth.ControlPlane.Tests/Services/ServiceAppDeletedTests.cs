using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.Services;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// Deleting a bound app revokes its binding on the real engine: the user and password its container was given (a
/// connection string copied from it) no longer log in, and the service lists no binding. For each type.
/// </summary>
public sealed class ServiceAppDeletedTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private string? _service;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("deleteowner");
        // A bind answers once the app rolled out: minutes on a busy machine.
        _tenant.Timeout = TimeSpan.FromMinutes(5);
        (await _berth.Admin.PutAsync("/v1/base-images/counter", null)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{_service}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Theory]
    [InlineData("redis", "REDIS")]
    [InlineData("mariadb", "DATABASE")]
    [InlineData("postgres", "DATABASE")]
    public async Task DeleteApp_Bound_CopiedCredentialsRefusedAndBindingGone(string type, string prefix)
    {
        var app = BerthTestServer.UniqueAppId("counter");
        var created = await _tenant.PostAsJsonAsync("/v1/apps", new { id = app, image = "counter", memoryMb = 64, cpuShares = 128 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(_tenant, app, "v1", 1)).GetProperty("state").GetString());
        _service = BerthTestServer.UniqueAppId(type);
        var response = await _tenant.PostAsJsonAsync("/v1/services", new { name = _service, type });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var bound = await _tenant.PostAsJsonAsync($"/v1/services/{_service}/bindings", new { app });
        Assert.True(bound.StatusCode == HttpStatusCode.Created, await bound.Content.ReadAsStringAsync());
        // What a user copies out of the app's container: its user and password.
        var env = await Engine.EnvAsync((await _berth.ContainersOfAsync(app))[0].Id);
        var (user, password) = (env[$"{prefix}_USER"], env[$"{prefix}_PASSWORD"]);
        var stored = await _berth.Server.Services.GetRequiredService<IServiceStore>().GetServiceAsync(_service, CancellationToken.None)
            ?? throw new InvalidOperationException($"service {_service} is not stored");
        Assert.True(await ServiceData.CanLoginAsync(type, stored.ContainerId!, stored.DatabaseName, user, password));

        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/apps/{app}")).StatusCode);

        Assert.False(await ServiceData.CanLoginAsync(type, stored.ContainerId!, stored.DatabaseName, user, password));
        Assert.Empty(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{_service}/bindings", BerthTestServer.Json) ?? []);
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.DeleteAsync($"/v1/services/{_service}?purge=true")).StatusCode);
        _service = null;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Services;

/// <summary>
/// A service whose server stops answering on the real engine (its container paused: the engine still calls it running,
/// only the protocol's check tells) is marked unhealthy with an event, a backup taken meanwhile is a failed backup with
/// its event and no file, never a success, and once the server answers again the same container is running again with
/// a <c>recovered</c> event. For each type.
/// </summary>
public sealed class ServiceHealthTests : IAsyncLifetime
{
    /// <summary>The monitor checks every 2 s, a check that gets no answer waits out its timeout: generous for a busy machine.</summary>
    private static readonly TimeSpan MarkLimit = TimeSpan.FromMinutes(3);

    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;
    private string? _service;
    private string? _paused;

    public async ValueTask InitializeAsync()
    {
        _berth = await BerthTestServer.StartAsync(configure: options => options.StartupTimeoutSeconds = 90);
        _tenant = await _berth.TenantAsync("healthowner");
        _tenant.Timeout = TimeSpan.FromMinutes(3);
    }

    public async ValueTask DisposeAsync()
    {
        if (_paused is not null)
        {
            await DockerCli.RunAsync(null, "unpause", _paused);
        }

        if (_service is not null)
        {
            await _berth.Admin.DeleteAsync($"/v1/services/{_service}?purge=true");
        }

        await _berth.DisposeAsync();
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("mariadb")]
    [InlineData("postgres")]
    public async Task Paused_MarkedUnhealthyBackupFailsThenUnpaused_RecoversSameContainer(string type)
    {
        _service = BerthTestServer.UniqueAppId(type);
        var created = await _tenant.PostAsJsonAsync("/v1/services", new { name = _service, type });
        var service = await created.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created && service.GetProperty("state").GetString() == "running", service.ToString());
        var container = (await DockerCli.RunAsync(null, "ps", "-q", "--no-trunc", "--filter", $"name=^berth-svc-{_service}$")).Trim();
        Assert.NotEmpty(container);

        await DockerCli.RunAsync(null, "pause", container);
        _paused = container;

        // The monitor stores the state, then records the event: both are waited for.
        await Eventually.TrueAsync(async () => await StateAsync() == "unhealthy" && (await EventTypesAsync()).Contains("unhealthy"), MarkLimit);
        var response = await _tenant.PostAsync($"/v1/services/{_service}/backups", null);
        var backup = await response.Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, backup.ToString());
        Assert.Equal("failed", backup.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(backup.GetProperty("reason").GetString()));
        var listed = Assert.Single(await _tenant.GetFromJsonAsync<JsonElement[]>($"/v1/services/{_service}/backups", BerthTestServer.Json) ?? []);
        Assert.Equal((backup.GetProperty("id").GetString(), "failed"), (listed.GetProperty("id").GetString(), listed.GetProperty("state").GetString()));
        Assert.Contains("backupFailed", await EventTypesAsync());
        var folder = Path.Combine(_berth.Options.BackupsPath, _service);
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0, "a failed backup left a file");

        await DockerCli.RunAsync(null, "unpause", container);
        _paused = null;

        await Eventually.TrueAsync(async () => await StateAsync() == "running" && (await EventTypesAsync()).Contains("recovered"), MarkLimit);
        Assert.DoesNotContain("restarted", await EventTypesAsync());
        Assert.Equal(container, (await DockerCli.RunAsync(null, "ps", "-q", "--no-trunc", "--filter", $"name=^berth-svc-{_service}$")).Trim());
        var again = await (await _tenant.PostAsync($"/v1/services/{_service}/backups", null)).Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        Assert.True(again.GetProperty("state").GetString() == "succeeded", again.ToString());
    }

    /// <summary>The service's state as listed (a list does not measure the volume, which needs the container to answer).</summary>
    private async Task<string?> StateAsync() =>
        (await _tenant.GetFromJsonAsync<JsonElement[]>("/v1/services", BerthTestServer.Json) ?? [])
            .Single(s => s.GetProperty("id").GetString() == _service).GetProperty("state").GetString();

    private async Task<string[]> EventTypesAsync() =>
        [.. (await _tenant.GetFromJsonAsync<JsonElement>($"/v1/services/{_service}/events", BerthTestServer.Json)).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()!)];
}

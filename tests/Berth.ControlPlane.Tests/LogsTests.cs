using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary><c>GET /v1/apps/{id}/logs</c> on a real Berth: every instance's lines, tagged, streamed, owner-only.</summary>
public sealed class LogsTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync();
        _tenant = await _berth.TenantAsync("loggers");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Logs_TwoInstances_EachLineTaggedWithItsInstance()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "logs", "restart", 2);
        var instances = await app.InstancesAsync();
        foreach (var instance in instances)
        {
            await WriteLineAsync(instance, $"hello from {AppProbe.Id(instance)}");
        }

        var text = await _tenant.GetStringAsync($"/v1/apps/{app.AppId}/logs?tail=5");

        foreach (var instance in instances)
        {
            Assert.Contains($"[{AppProbe.Id(instance)}] hello from {AppProbe.Id(instance)}\n", text);
        }

        var one = await _tenant.GetStringAsync($"/v1/apps/{app.AppId}/logs?instance={AppProbe.Id(instances[0])}");
        Assert.Equal($"[{AppProbe.Id(instances[0])}] hello from {AppProbe.Id(instances[0])}\n", one);
    }

    [Fact]
    public async Task Logs_Follow_StreamsLinesAsTheyAreWritten()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "tail", "restart", 1);
        var instance = Assert.Single(await app.InstancesAsync());
        await WriteLineAsync(instance, "before following");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/apps/{app.AppId}/logs?follow=true&tail=1");
        using var response = await _tenant.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        Assert.Equal($"[{AppProbe.Id(instance)}] before following", await reader.ReadLineAsync(timeout.Token));
        await WriteLineAsync(instance, "written while following");
        Assert.Equal($"[{AppProbe.Id(instance)}] written while following", await reader.ReadLineAsync(timeout.Token));
    }

    [Fact]
    public async Task BerthLogsFollow_CommandLine_PrintsTaggedLinesAsTheyAreWritten()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "cli", "restart", 1);
        var instance = Assert.Single(await app.InstancesAsync());
        using var cli = BerthCli.Start(_tenant, "logs", app.AppId, "-f");
        // Give it time to open the stream: with no line written yet there is nothing to wait for.
        await Task.Delay(TimeSpan.FromSeconds(2));

        await WriteLineAsync(instance, "seen by berth logs -f");

        await cli.WaitForAsync($"[{AppProbe.Id(instance)}] seen by berth logs -f", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Logs_InstanceThatFailedToStart_ItsLastLinesAreKeptAndShown()
    {
        await TestImages.EnsureCrashingAsync();
        var id = BerthTestServer.UniqueAppId("crashy");
        Assert.Equal(HttpStatusCode.Created, (await _tenant.PostAsJsonAsync("/v1/apps", new { id, image = TestImages.Crashing, memoryMb = 32, cpuShares = 64 })).StatusCode);

        var deployment = await BerthTestServer.DeployAsync(_tenant, id, "v1", 1);

        Assert.Equal("failed", deployment.GetProperty("state").GetString());
        Assert.Empty(await _berth.ContainersOfAsync(id));
        var failure = (await new AppProbe(_tenant, id).EventsAsync()).Single(e => e.GetProperty("type").GetString() == "startFailed");
        Assert.Equal(["crashing: reading settings", "fatal: no database configured"], failure.GetProperty("logs").EnumerateArray().Select(l => l.GetString()).Order());
        var instanceId = failure.GetProperty("instanceId").GetString();
        var text = await _tenant.GetStringAsync($"/v1/apps/{id}/logs");
        Assert.Contains($"[{instanceId}] fatal: no database configured\n", text);
        Assert.Contains($"[{instanceId}] fatal: no database configured\n", await _tenant.GetStringAsync($"/v1/apps/{id}/logs?instance={instanceId}"));
    }

    [Fact]
    public async Task Logs_AnotherTenantsApp_NotFound()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "mine", "restart", 1);
        var stranger = await _berth.TenantAsync("peeper");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{app.AppId}/logs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{app.AppId}/logs?follow=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _berth.Admin.GetAsync($"/v1/apps/{app.AppId}/logs")).StatusCode);
    }

    [Theory]
    [InlineData("tail=-1", HttpStatusCode.BadRequest)]
    [InlineData("tail=100000", HttpStatusCode.BadRequest)]
    [InlineData("instance=nosuch", HttpStatusCode.NotFound)]
    public async Task Logs_BadQuery_ClearProblem(string query, HttpStatusCode expected)
    {
        var id = BerthTestServer.UniqueAppId("badlog");
        Assert.Equal(HttpStatusCode.Created, (await _tenant.PostAsJsonAsync("/v1/apps", new { id })).StatusCode);

        var response = await _tenant.GetAsync($"/v1/apps/{id}/logs?{query}");

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }

    /// <summary>Writes a line to the container's standard output: PID 1 (the init) holds the pipe the engine logs.</summary>
    private static Task WriteLineAsync(JsonElement instance, string line) =>
        DockerCli.RunAsync(null, "exec", AppProbe.ContainerId(instance), "sh", "-c", $"echo '{line}' > /proc/1/fd/1");
}

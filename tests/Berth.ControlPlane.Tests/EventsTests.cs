using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.ControlPlane.Apis;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests;

/// <summary><c>GET /v1/apps/{id}/events</c> on a real Berth: what happened, when, to whom only.</summary>
public sealed class EventsTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;
    private HttpClient _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        _berth = await HealingServer.StartAsync();
        _tenant = await _berth.TenantAsync("eventful");
    }

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Events_InstanceStartedThenKilled_ListsWhatHappenedInOrderWithTimes()
    {
        var before = DateTimeOffset.UtcNow;
        var app = await HealingServer.DeployHelloAsync(_tenant, "evt", "restart", 1);
        var instance = Assert.Single(await app.InstancesAsync());

        await DockerCli.KillAsync(AppProbe.ContainerId(instance));
        await Poll.TrueAsync(async () => (await app.EventTypesAsync()).Contains("recovered"), TimeSpan.FromSeconds(20), "the restarted instance recovering");

        var events = await app.EventsAsync();
        Assert.Equal(["instanceStarted", "exited", "restarted", "recovered"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Equal(AppProbe.Id(instance), e.GetProperty("instanceId").GetString()));
        Assert.All(events, e => Assert.Equal("local", e.GetProperty("host").GetString()));
        var times = events.Select(e => e.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.InRange(times[0], before, DateTimeOffset.UtcNow);
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
    }

    [Fact]
    public async Task Events_WaitAfterTheLast_AnswersAsSoonAsSomethingHappens()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "wait", "restart", 1);
        var first = await _tenant.GetAsync($"/v1/apps/{app.AppId}/events");
        var index = long.Parse(first.Headers.GetValues(ConfigApi.IndexHeader).Single());

        var clock = Stopwatch.StartNew();
        var waiting = _tenant.GetAsync($"/v1/apps/{app.AppId}/events?after={index}&wait=30s");
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);
        var scale = await _tenant.PutAsJsonAsync($"/v1/apps/{app.AppId}/scale", new { instances = 2 });
        var answer = await waiting;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}");
        var news = await answer.Content.ReadFromJsonAsync<JsonElement[]>(BerthTestServer.Json);
        Assert.Equal("instanceStarted", news![0].GetProperty("type").GetString());
        Assert.True(news[0].GetProperty("sequence").GetInt64() > index);
        Assert.Equal(news[^1].GetProperty("sequence").GetInt64(), long.Parse(answer.Headers.GetValues(ConfigApi.IndexHeader).Single()));
        await BerthTestServer.WaitAsync(_tenant, scale);
    }

    [Fact]
    public async Task BerthEventsFollow_CommandLine_PrintsEventsAsTheyHappen()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "clievt", "replace", 1);
        using var cli = BerthCli.Start(_tenant, "events", app.AppId, "-f");
        await cli.WaitForAsync("instanceStarted", TimeSpan.FromSeconds(20));

        await DockerCli.KillAsync(AppProbe.ContainerId(Assert.Single(await app.InstancesAsync())));

        await cli.WaitForAsync("its container exited with code 137", TimeSpan.FromSeconds(20));
        await cli.WaitForAsync("replaced by", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Events_AnotherTenantsApp_NotFoundButAdminSeesThem()
    {
        var app = await HealingServer.DeployHelloAsync(_tenant, "own", "restart", 1);
        var stranger = await _berth.TenantAsync("stranger");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{app.AppId}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/apps/{app.AppId}/events?after=0&wait=1s")).StatusCode);
        Assert.NotEmpty(await _berth.Admin.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{app.AppId}/events", BerthTestServer.Json) ?? []);
    }

    [Theory]
    [InlineData("wait=5s")]
    [InlineData("after=-1")]
    [InlineData("limit=0")]
    [InlineData("after=0&wait=forever")]
    public async Task Events_BadQuery_BadRequestWithReason(string query)
    {
        var id = BerthTestServer.UniqueAppId("bad");
        Assert.Equal(HttpStatusCode.Created, (await _tenant.PostAsJsonAsync("/v1/apps", new { id })).StatusCode);

        var response = await _tenant.GetAsync($"/v1/apps/{id}/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;

namespace Berth.ControlPlane.Tests.Operations;

/// <summary>
/// A real <c>berth server</c> on its own PostgreSQL database and etcd member: <c>/readyz</c> answers 503 naming the part
/// that is missing while the database or discovery is gone, and 200 again once it is back; <c>/healthz</c> stays 200.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    // The checks have a 5 s limit each; a busy machine may add a few seconds before the server notices a part came back.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private PostgresDatabase? _database;
    private PrivateEtcd? _etcd;
    private BerthServerProcess? _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _etcd = await PrivateEtcd.StartAsync();
        var ports = BerthTestServer.FreeSlice(5);
        _server = await BerthServerProcess.StartAsync(new SharedControlPlaneSettings(
            _database.ConnectionString, _etcd.Endpoint, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            $"{ports}-{ports + 4}", TimeSpan.FromSeconds(3)));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readyz_DatabaseRefusesClients_UnavailableNamingStateUntilBack()
    {
        await WaitForAsync(HttpStatusCode.OK, "state", "healthy");

        await _database!.RefuseConnectionsAsync();
        var down = await WaitForAsync(HttpStatusCode.ServiceUnavailable, "state", "unhealthy");
        Assert.Equal("unhealthy", down.GetProperty("status").GetString());
        Assert.Equal("healthy", Check(down, "discovery"));
        Assert.Equal("healthy", Check(down, "engine"));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"{_server!.ApiUrl}/healthz")).StatusCode);

        await _database.AllowConnectionsAsync();
        await WaitForAsync(HttpStatusCode.OK, "state", "healthy");
    }

    [Fact]
    public async Task Readyz_DiscoveryKilled_UnavailableNamingDiscoveryUntilBack()
    {
        await WaitForAsync(HttpStatusCode.OK, "discovery", "healthy");

        await _etcd!.KillAsync();
        var down = await WaitForAsync(HttpStatusCode.ServiceUnavailable, "discovery", "unhealthy");
        Assert.Equal("healthy", Check(down, "state"));
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"{_server!.ApiUrl}/healthz")).StatusCode);

        await _etcd.StartAgainAsync();
        await WaitForAsync(HttpStatusCode.OK, "discovery", "healthy");
    }

    private static string? Check(JsonElement readiness, string name) =>
        readiness.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();

    /// <summary>Polls <c>/readyz</c> until it answers <paramref name="code"/> with check <paramref name="name"/> in <paramref name="state"/>.</summary>
    private async Task<JsonElement> WaitForAsync(HttpStatusCode code, string name, string state)
    {
        var last = "";
        var answer = await Poll.GetAsync(async () =>
        {
            using var response = await _http.GetAsync($"{_server!.ApiUrl}/readyz");
            var text = await response.Content.ReadAsStringAsync();
            last = $"{(int)response.StatusCode} {text}";
            var body = JsonDocument.Parse(text);
            return response.StatusCode == code && Check(body.RootElement, name) == state ? body : null;
        }, Limit, $"/readyz answering {(int)code} with {name} {state}", diagnose: () => $"last answer: {last}\n{_server!.Output}");
        return answer.RootElement;
    }
}

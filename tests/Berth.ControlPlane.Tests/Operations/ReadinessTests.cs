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

    private PostgresDatabase? database;
    private PrivateEtcd? etcd;
    private BerthServerProcess? server;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        etcd = await PrivateEtcd.StartAsync();
        var ports = BerthTestServer.FreeSlice(5);
        server = await BerthServerProcess.StartAsync(new SharedControlPlaneSettings(
            database.ConnectionString, etcd.Endpoint, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            $"{ports}-{ports + 4}", TimeSpan.FromSeconds(3)));
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (etcd is not null)
        {
            await etcd.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Readyz_DatabaseRefusesClients_UnavailableNamingStateUntilBack()
    {
        await WaitForAsync(HttpStatusCode.OK, "state", "healthy");

        await database!.RefuseConnectionsAsync();
        var down = await WaitForAsync(HttpStatusCode.ServiceUnavailable, "state", "unhealthy");
        Assert.Equal("unhealthy", down.GetProperty("status").GetString());
        Assert.Equal("healthy", Check(down, "discovery"));
        Assert.Equal("healthy", Check(down, "engine"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{server!.ApiUrl}/healthz")).StatusCode);

        await database.AllowConnectionsAsync();
        await WaitForAsync(HttpStatusCode.OK, "state", "healthy");
    }

    [Fact]
    public async Task Readyz_DiscoveryKilled_UnavailableNamingDiscoveryUntilBack()
    {
        await WaitForAsync(HttpStatusCode.OK, "discovery", "healthy");

        await etcd!.KillAsync();
        var down = await WaitForAsync(HttpStatusCode.ServiceUnavailable, "discovery", "unhealthy");
        Assert.Equal("healthy", Check(down, "state"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{server!.ApiUrl}/healthz")).StatusCode);

        await etcd.StartAgainAsync();
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
            using var response = await http.GetAsync($"{server!.ApiUrl}/readyz");
            var text = await response.Content.ReadAsStringAsync();
            last = $"{(int)response.StatusCode} {text}";
            var body = JsonDocument.Parse(text);
            return response.StatusCode == code && Check(body.RootElement, name) == state ? body : null;
        }, Limit, $"/readyz answering {(int)code} with {name} {state}", diagnose: () => $"last answer: {last}\n{server!.Output}");
        return answer.RootElement;
    }
}

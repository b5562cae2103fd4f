using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests;

/// <summary>
/// A project whose key-value store is Berth's own Redis image, named by image with a named volume, on the real engine:
/// the counter sample counts in it through the gateway, and the count survives revisions, one that changes another
/// service and one that replaces the store's container itself.
/// </summary>
public sealed class ProjectBaseServiceTests : IAsyncLifetime
{
    /// <summary>Generous: deploys and routes on a busy shared machine; only a failure waits this long.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private const string Compose = """
        services:
          web:
            image: counter:v1
            ports: ["8080:8080"]
            environment:
              REDIS_URL: redis://default:s3cret@cache:6379/0
            depends_on:
              cache:
                condition: service_healthy
            deploy: {resources: {limits: {memory: 64m}}}
          cache:
            image: redis:7
            environment:
              BERTH_ADMIN_PASSWORD: s3cret
            volumes: ["data:/data"]
            deploy: {resources: {limits: {memory: 128m}}}
        volumes:
          data: {}
        """;

    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(portRangeSize: 20);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Project_RedisBaseImageWithVolume_CountSurvivesRevisions()
    {
        var name = "base" + Guid.NewGuid().ToString("N")[..6];
        var (web, cache) = ($"{name}-web", $"{name}-cache");
        var acme = await _berth.TenantAsync("acme");
        Assert.Equal("running", (await DeployAsync(acme, name, Compose)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _berth.ThroughGatewayAsync(cache)).StatusCode);
        await UntilCountedAsync(web, 1);
        Assert.Equal("2", await CountAsync(web));

        // Revision 2 changes only the web: the store keeps running as it was.
        var store = Assert.Single(await _berth.ContainersOfAsync(cache)).Id;
        Assert.Equal("running", (await DeployAsync(acme, name, Compose.Replace("cache:6379/0", "cache:6379/0\n      GREETING: hi"))).GetProperty("state").GetString());
        Assert.Equal(store, Assert.Single(await _berth.ContainersOfAsync(cache)).Id);
        await UntilCountedAsync(web, 3);

        // Revision 3 changes the store: a new container on the same volume, which holds the count.
        var third = Compose.Replace("memory: 128m", "memory: 96m");
        Assert.Equal("running", (await DeployAsync(acme, name, third)).GetProperty("state").GetString());
        Assert.NotEqual(store, Assert.Single(await _berth.ContainersOfAsync(cache)).Id);
        await UntilCountedAsync(web, 4);

        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/v1/projects/{name}")).StatusCode);
        Assert.Empty(await _berth.ContainersOfAsync(cache));
    }

    private async Task<string> CountAsync(string web) => (await TextAsync(_berth.Gateway, $"{web}.localhost", "/count")).Trim();

    /// <summary>
    /// Asks for the next count until one answers (the gateway routes a new revision after its discovery watch); the
    /// first answer must be <paramref name="expected"/>, as nothing counts before it.
    /// </summary>
    private async Task UntilCountedAsync(string web, int expected)
    {
        var deadline = DateTime.UtcNow + Limit;
        var answer = await CountAsync(web);
        while (!int.TryParse(answer, out _) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            answer = await CountAsync(web);
        }

        Assert.Equal($"{expected}", answer);
    }

    private static async Task<JsonElement> DeployAsync(HttpClient client, string name, string yaml)
    {
        var response = await client.PutAsync($"/v1/projects/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow + Limit + Limit;
        while (true)
        {
            var project = await client.GetFromJsonAsync<JsonElement>($"/v1/projects/{name}", BerthTestServer.Json);
            if (project.GetProperty("state").GetString() is "running" or "failed" || DateTime.UtcNow > deadline)
            {
                return project;
            }

            await Task.Delay(200);
        }
    }
}

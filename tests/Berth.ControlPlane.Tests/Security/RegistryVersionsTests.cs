using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// <c>GET /v1/apps/{id}/versions</c> on a registry in token mode: the control plane signs itself a pull token for the
/// app's repository, and lists what was really pushed there.
/// </summary>
public sealed class RegistryVersionsTests(TokenRegistry registry) : IClassFixture<TokenRegistry>
{
    private const string SharedHello = "127.0.0.1:5000/hello:v1";

    [Fact]
    public async Task Versions_TokenRegistry_PushedTagsNewestFirstActiveMarked()
    {
        var berth = registry.Berth;
        var tenant = await berth.TenantAsync($"tags-{Guid.NewGuid().ToString("N")[..8]}");
        var id = BerthTestServer.UniqueAppId("tags");
        (await tenant.PostAsJsonAsync("/v1/apps", new { id, memoryMb = 32, cpuShares = 128, drainSeconds = 0 })).EnsureSuccessStatusCode();
        var docker = registry.NewDockerConfig();
        Assert.Equal(0, (await Commands.RunAsync("docker", ["--config", docker, "login", registry.Address, "-u", "admin", "--password-stdin"], SecurityClients.TokenOf(berth.Admin))).ExitCode);
        Assert.Equal(0, (await Commands.RunAsync("docker", ["pull", "-q", SharedHello])).ExitCode);
        foreach (var tag in new[] { "v2", "v10", "v1", "latest", "v2.0.1-rc1", "v2.0.1" })
        {
            Assert.Equal(0, (await Commands.RunAsync("docker", ["tag", SharedHello, $"{registry.Address}/{id}:{tag}"])).ExitCode);
            var pushed = await Commands.DockerAsync(docker, "push", $"{registry.Address}/{id}:{tag}");
            Assert.True(pushed.ExitCode == 0, pushed.Output);
        }

        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant, id, "v10", 1)).GetProperty("state").GetString());
        var view = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/versions", BerthTestServer.Json);

        var versions = view.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["v10", "v2.0.1", "v2.0.1-rc1", "v2", "v1", "latest"], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["v10"], versions.Where(v => v.GetProperty("active").GetBoolean()).Select(v => v.GetProperty("version").GetString()));
        Assert.Equal($"{registry.Address}/{id}", view.GetProperty("repository").GetString());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// A registry repository name is never handed to another owner: not when an app is deleted, not when a base image
/// is unmarked; and what an app may run is checked again at every deploy, even when the engine has the image cached.
/// </summary>
public sealed class RepositoryOwnershipTests(TokenRegistry registry) : IClassFixture<TokenRegistry>
{
    private const string SharedHello = "127.0.0.1:5000/hello:v1";
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private BerthTestServer Berth => registry.Berth;

    private async Task<(HttpClient Api, string Docker)> TenantAsync(string stem)
    {
        var name = $"{stem}-{_run}";
        var api = await Berth.TenantAsync(name);
        return (api, await LoginAsync(name, SecurityClients.TokenOf(api)));
    }

    private async Task<string> LoginAsync(string user, string token)
    {
        var docker = registry.NewDockerConfig();
        var (exitCode, output) = await Commands.RunAsync("docker", ["--config", docker, "login", registry.Address, "-u", user, "--password-stdin"], token);
        Assert.True(exitCode == 0, output);
        return docker;
    }

    private async Task<(int ExitCode, string Output)> PushAsync(string docker, string repository)
    {
        Assert.Equal(0, (await Commands.RunAsync("docker", ["pull", "-q", SharedHello])).ExitCode);
        Assert.Equal(0, (await Commands.RunAsync("docker", ["tag", SharedHello, $"{registry.Address}/{repository}:v1"])).ExitCode);
        return await Commands.DockerAsync(docker, "push", $"{registry.Address}/{repository}:v1");
    }

    private static Task<HttpResponseMessage> CreateAppAsync(HttpClient api, string id, string? image = null) =>
        api.PostAsJsonAsync("/v1/apps", new { id, image, memoryMb = 32, cpuShares = 128, drainSeconds = 0 });

    [Fact]
    public async Task CreateApp_IdOfAnotherTenantsDeletedApp_ConflictAndTheImagesStayPrivate()
    {
        var first = await TenantAsync("first");
        var second = await TenantAsync("second");
        var id = $"reused-{_run}";
        Assert.Equal(HttpStatusCode.Created, (await CreateAppAsync(first.Api, id)).StatusCode);
        var pushed = await PushAsync(first.Docker, id);
        Assert.True(pushed.ExitCode == 0, pushed.Output);
        Assert.Equal(HttpStatusCode.NoContent, (await first.Api.DeleteAsync($"/v1/apps/{id}")).StatusCode);

        var taken = await CreateAppAsync(second.Api, id);
        var pulled = await Commands.DockerAsync(second.Docker, "pull", $"{registry.Address}/{id}:v1");

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("another tenant", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(0, pulled.ExitCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAppAsync(first.Api, id)).StatusCode);
    }

    [Fact]
    public async Task RemoveBaseImage_InUse_ConflictNamingTheAppsAndTheNameStaysTheAdmins()
    {
        var admin = await LoginAsync("admin", SecurityClients.TokenOf(Berth.Admin));
        var tenant = await TenantAsync("user");
        var thief = await TenantAsync("thief");
        var baseImage = $"shared-{_run}";
        Assert.Equal(0, (await PushAsync(admin, baseImage)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await Berth.Admin.PutAsync($"/v1/base-images/{baseImage}", null)).StatusCode);
        var user = $"user-app-{_run}";
        Assert.Equal(HttpStatusCode.Created, (await CreateAppAsync(tenant.Api, user, baseImage)).StatusCode);

        var inUse = await Berth.Admin.DeleteAsync($"/v1/base-images/{baseImage}");

        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains(user, await inUse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Api.DeleteAsync($"/v1/apps/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Berth.Admin.DeleteAsync($"/v1/base-images/{baseImage}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await CreateAppAsync(thief.Api, baseImage)).StatusCode);
        Assert.NotEqual(0, (await PushAsync(thief.Docker, baseImage)).ExitCode);
    }

    [Fact]
    public async Task Deploy_ImageNoLongerAllowed_RefusedThoughTheEngineHasItCached()
    {
        var admin = await LoginAsync("admin", SecurityClients.TokenOf(Berth.Admin));
        var tenant = await TenantAsync("cached");
        var baseImage = $"gone-{_run}";
        Assert.Equal(0, (await PushAsync(admin, baseImage)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await Berth.Admin.PutAsync($"/v1/base-images/{baseImage}", null)).StatusCode);
        var app = $"runs-{_run}";
        Assert.Equal(HttpStatusCode.Created, (await CreateAppAsync(tenant.Api, app, baseImage)).StatusCode);
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant.Api, app, "v1", 1)).GetProperty("state").GetString());
        // As a database from before in-use base images could not be unmarked holds it: the app's image is no longer allowed.
        Assert.True(await Berth.Server.Services.GetRequiredService<ISecurityStore>().RemoveBaseImageAsync(baseImage, CancellationToken.None));

        var redeploy = await tenant.Api.PostAsJsonAsync($"/v1/apps/{app}/deployments", new { version = "v1", instances = 1 });
        var scale = await Berth.Admin.PutAsJsonAsync($"/v1/apps/{app}/scale", new { instances = 2 });

        Assert.Equal(HttpStatusCode.Forbidden, redeploy.StatusCode);
        Assert.Contains(baseImage, await redeploy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, scale.StatusCode);
        var instances = await tenant.Api.GetFromJsonAsync<JsonElement>($"/v1/apps/{app}/instances", BerthTestServer.Json);
        Assert.Equal(1, instances.GetArrayLength());
    }

    [Fact]
    public async Task Heal_ImageNoLongerAllowed_ReplacementRefusedThoughTheEngineHasItCached()
    {
        var admin = await LoginAsync("admin", SecurityClients.TokenOf(Berth.Admin));
        var tenant = await TenantAsync("healed");
        var baseImage = $"withdrawn-{_run}";
        Assert.Equal(0, (await PushAsync(admin, baseImage)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await Berth.Admin.PutAsync($"/v1/base-images/{baseImage}", null)).StatusCode);
        var app = $"heals-{_run}";
        Assert.Equal(HttpStatusCode.Created, (await CreateAppAsync(tenant.Api, app, baseImage)).StatusCode);
        Assert.Equal("succeeded", (await BerthTestServer.DeployAsync(tenant.Api, app, "v1", 1)).GetProperty("state").GetString());
        Assert.True(await Berth.Server.Services.GetRequiredService<ISecurityStore>().RemoveBaseImageAsync(baseImage, CancellationToken.None));

        Assert.Equal(0, (await Commands.RunAsync("docker", ["rm", "-f", Assert.Single(await Berth.ContainersOfAsync(app)).Id])).ExitCode);

        await Eventually.TrueAsync(
            async () => (await tenant.Api.GetStringAsync($"/v1/apps/{app}/events")).Contains("neither a base image", StringComparison.Ordinal),
            TimeSpan.FromSeconds(120));
        Assert.Empty(await Berth.ContainersOfAsync(app));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>
/// Berth as the token server of a real registry in token mode, driven by the docker CLI as users drive it:
/// tenants push and pull only their own apps' repositories, base images are pull-only, and deploys still pull.
/// </summary>
public sealed class RegistryTokenTests(TokenRegistry registry) : IClassFixture<TokenRegistry>
{
    private const string SharedHello = "127.0.0.1:5000/hello:v1";
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private BerthTestServer Berth => registry.Berth;

    /// <summary>A tenant, its API client, and a docker CLI config logged in to the registry as it.</summary>
    private async Task<(string Name, HttpClient Api, string Docker)> TenantAsync(string stem)
    {
        var name = $"{stem}-{_run}";
        var api = await Berth.TenantAsync(name);
        var docker = registry.NewDockerConfig();
        var (exitCode, output) = await LoginAsync(docker, name, SecurityClients.TokenOf(api));
        Assert.True(exitCode == 0, output);
        return (name, api, docker);
    }

    private Task<(int ExitCode, string Output)> LoginAsync(string docker, string user, string token) =>
        Commands.RunAsync("docker", ["--config", docker, "login", registry.Address, "-u", user, "--password-stdin"], token);

    /// <summary>Tags the shared hello image as <c>{registry}/{repository}:v1</c> and pushes it with <paramref name="docker"/>'s login.</summary>
    private async Task<(int ExitCode, string Output)> PushAsync(string docker, string repository)
    {
        Assert.Equal(0, (await Commands.RunAsync("docker", ["pull", "-q", SharedHello])).ExitCode);
        Assert.Equal(0, (await Commands.RunAsync("docker", ["tag", SharedHello, $"{registry.Address}/{repository}:v1"])).ExitCode);
        return await Commands.DockerAsync(docker, "push", $"{registry.Address}/{repository}:v1");
    }

    private Task<(int ExitCode, string Output)> PullAsync(string docker, string repository) =>
        Commands.DockerAsync(docker, "pull", $"{registry.Address}/{repository}:v1");

    private async Task<string> CreateAppAsync(HttpClient api, string stem, string? image = null)
    {
        var id = $"{stem}-{_run}";
        var response = await api.PostAsJsonAsync("/v1/apps", new { id, image, memoryMb = 32, cpuShares = 128, drainSeconds = 0 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    [Fact]
    public async Task Push_OwnAppsRepository_WorksAndEveryoneElseIsDenied()
    {
        var a = await TenantAsync("a");
        var b = await TenantAsync("b");
        var app = await CreateAppAsync(a.Api, "a-app");

        var pushed = await PushAsync(a.Docker, app);
        var othersPush = await PushAsync(b.Docker, app);
        var othersPull = await PullAsync(b.Docker, app);
        var anonymousPull = await PullAsync(registry.NewDockerConfig(), app);
        var ownPull = await PullAsync(a.Docker, app);
        var unclaimed = await PushAsync(a.Docker, $"nobodys-{_run}");

        Assert.True(pushed.ExitCode == 0, pushed.Output);
        Assert.NotEqual(0, othersPush.ExitCode);
        Assert.Contains("denied", othersPush.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, othersPull.ExitCode);
        Assert.Contains("denied", othersPull.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, anonymousPull.ExitCode);
        Assert.Contains("denied", anonymousPull.Output, StringComparison.Ordinal);
        Assert.True(ownPull.ExitCode == 0, ownPull.Output);
        Assert.NotEqual(0, unclaimed.ExitCode);
    }

    [Fact]
    public async Task RevokedToken_StopsWorkingForLoginPushAndPull()
    {
        var a = await TenantAsync("rev");
        var app = await CreateAppAsync(a.Api, "rev-app");
        var extra = await (await a.Api.PostAsJsonAsync($"/v1/tenants/{a.Name}/tokens", new { description = "laptop" }))
            .Content.ReadFromJsonAsync<JsonElement>(BerthTestServer.Json);
        var laptop = registry.NewDockerConfig();
        Assert.Equal(0, (await LoginAsync(laptop, a.Name, extra.GetProperty("token").GetString()!)).ExitCode);
        Assert.Equal(0, (await PushAsync(laptop, app)).ExitCode);

        Assert.Equal(HttpStatusCode.NoContent, (await a.Api.DeleteAsync($"/v1/tenants/{a.Name}/tokens/{extra.GetProperty("id").GetString()}")).StatusCode);

        Assert.NotEqual(0, (await PullAsync(laptop, app)).ExitCode);
        Assert.NotEqual(0, (await PushAsync(laptop, app)).ExitCode);
        Assert.NotEqual(0, (await LoginAsync(registry.NewDockerConfig(), a.Name, extra.GetProperty("token").GetString()!)).ExitCode);
        Assert.Equal(0, (await PullAsync(a.Docker, app)).ExitCode);
    }

    [Fact]
    public async Task Deploy_WithTokenAuth_TheControlPlanePullsWithItsOwnToken()
    {
        var a = await TenantAsync("dep");
        var app = await CreateAppAsync(a.Api, "dep-app");
        Assert.Equal(0, (await PushAsync(a.Docker, app)).ExitCode);
        // Gone from the engine, so the deploy must pull it through the registry.
        Assert.Equal(0, (await Commands.RunAsync("docker", ["rmi", $"{registry.Address}/{app}:v1"])).ExitCode);

        var deployed = await BerthTestServer.DeployAsync(a.Api, app, "v1", 1);

        Assert.True(deployed.GetProperty("state").GetString() == "succeeded", deployed.ToString());
        Assert.StartsWith("hello v1", await (await Berth.ThroughGatewayAsync(app)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await a.Api.DeleteAsync($"/v1/apps/{app}")).StatusCode);
    }

    [Fact]
    public async Task BaseImage_OnlyAdminPushesEveryTenantPullsAndRuns()
    {
        var admin = registry.NewDockerConfig();
        Assert.Equal(0, (await LoginAsync(admin, "admin", SecurityClients.TokenOf(Berth.Admin))).ExitCode);
        var b = await TenantAsync("base");
        var other = await TenantAsync("other");
        var baseImage = $"base-{_run}";
        var private_ = await CreateAppAsync(other.Api, "private");
        Assert.Equal(0, (await PushAsync(admin, baseImage)).ExitCode);
        Assert.NotEqual(0, (await PullAsync(b.Docker, baseImage)).ExitCode);

        Assert.Equal(HttpStatusCode.OK, (await Berth.Admin.PutAsync($"/v1/base-images/{baseImage}", null)).StatusCode);

        Assert.Equal(0, (await PullAsync(b.Docker, baseImage)).ExitCode);
        Assert.NotEqual(0, (await PushAsync(b.Docker, baseImage)).ExitCode);
        await CreateAppAsync(b.Api, "runs-base", baseImage);
        var stolen = await b.Api.PostAsJsonAsync("/v1/apps", new { id = $"steals-{_run}", image = private_ });
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await b.Api.PostAsJsonAsync("/v1/apps", new { id = baseImage })).StatusCode);
    }

    [Fact]
    public async Task DockerLogin_WrongToken_FailsAndIsAudited()
    {
        var a = await TenantAsync("audited");

        var (exitCode, _) = await LoginAsync(registry.NewDockerConfig(), a.Name, "berth_not-the-token");

        Assert.NotEqual(0, exitCode);
        var audit = await Berth.Admin.GetFromJsonAsync<JsonElement[]>("/v1/audit?limit=500", BerthTestServer.Json);
        Assert.Contains(audit!, e => e.GetProperty("path").GetString() == $"/v1/registry/token?account={a.Name}"
            && e.GetProperty("method").GetString() == "GET" && e.GetProperty("status").GetInt32() == 401);
    }

    [Fact]
    public async Task TokenEndpoint_GrantsOnlyWhatTheCallerOwns()
    {
        var a = await TenantAsync("ep");
        var app = await CreateAppAsync(a.Api, "ep-app");
        var url = $"/v1/registry/token?service=berth-registry&scope=repository:{app}:pull,push&scope=repository:stranger-{_run}:pull";

        var owner = await AccessAsync(url, a.Name, SecurityClients.TokenOf(a.Api));
        var anonymous = await AccessAsync(url, null, null);
        var wrongUser = await Berth.Client(null).SendAsync(Basic(url, "admin", SecurityClients.TokenOf(a.Api)));

        Assert.Equal($"repository:{app}:pull,push", Assert.Single(owner));
        Assert.Empty(anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Berth.Client(null).GetAsync("/v1/registry/token?service=other")).StatusCode);
    }

    private static HttpRequestMessage Basic(string url, string user, string password) => new(HttpMethod.Get, url)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };

    /// <summary>The <c>access</c> claim of the token the endpoint gives, as <c>type:name:actions</c>.</summary>
    private async Task<string[]> AccessAsync(string url, string? user, string? password)
    {
        var response = await Berth.Client(null).SendAsync(user is null ? new HttpRequestMessage(HttpMethod.Get, url) : Basic(url, user, password!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(body.GetProperty("token").GetString(), body.GetProperty("access_token").GetString());
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(body.GetProperty("token").GetString()!.Split('.')[1])).RootElement;
        return [.. claims.GetProperty("access").EnumerateArray().Select(e =>
            $"{e.GetProperty("type").GetString()}:{e.GetProperty("name").GetString()}:{string.Join(',', e.GetProperty("actions").EnumerateArray().Select(x => x.GetString()))}")];
    }
}

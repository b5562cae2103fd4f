using Berth.Core.Apps;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task CreateAppAsync_EverySettingSet_GetRoundTripsIt()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant(), Ct);
        var app = StateTestData.App() with
        {
            Image = "postgres",
            Port = 9090,
            Env = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://db", ["mixedCase"] = "kept" },
            HealthCheck = new HealthCheckSpec { Path = "/health", IntervalSeconds = 7, TimeoutSeconds = 3, Retries = 5 },
            OnFailure = FailurePolicy.Replace,
            DrainSeconds = 9,
            ActiveVersion = "v2",
            PreviousVersion = "v1",
            Instances = 3,
        };

        await Store.CreateAppAsync(app, Ct);

        AssertSameApp(app, await Store.GetAppAsync("hello", Ct));
    }

    [Fact]
    public async Task GetAppAsync_Unknown_ReturnsNull() => Assert.Null(await Store.GetAppAsync("nothing", Ct));

    [Fact]
    public async Task ListAppsAsync_TenantOrAll_ReturnsTheirsOrEveryApp()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Store.CreateAppAsync(StateTestData.App("web", "acme"), Ct);
        await Store.CreateAppAsync(StateTestData.App("api", "acme"), Ct);
        await Store.CreateAppAsync(StateTestData.App("shop", "globex"), Ct);

        Assert.Equal(["api", "shop", "web"], (await Store.ListAppsAsync(null, Ct)).Select(app => app.Id));
        Assert.Equal(["api", "web"], (await Store.ListAppsAsync("acme", Ct)).Select(app => app.Id));
        Assert.Empty(await Store.ListAppsAsync("nobody", Ct));
    }

    [Fact]
    public async Task UpdateAppAsync_ChangedSettings_GetReturnsThem()
    {
        await SeedAppAsync();
        var updated = StateTestData.App() with
        {
            Image = "redis",
            MemoryMb = 1024,
            Env = new Dictionary<string, string> { ["A"] = "1" },
            ActiveVersion = "v3",
            PreviousVersion = "v2",
            Instances = 4,
            OnFailure = FailurePolicy.Remove,
        };

        await Store.UpdateAppAsync(updated, Ct);

        AssertSameApp(updated, await Store.GetAppAsync("hello", Ct));
    }

    [Fact]
    public async Task UpdateAppAsync_UnknownApp_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.UpdateAppAsync(StateTestData.App("ghost"), Ct));

    [Fact]
    public async Task DeleteAppAsync_AppWithDeployments_RemovesBoth()
    {
        await SeedAppAsync();
        await Store.CreateDeploymentAsync(StateTestData.Deployment("d2"), Ct);

        await Store.DeleteAppAsync("hello", Ct);

        Assert.Null(await Store.GetAppAsync("hello", Ct));
        Assert.Empty(await Store.ListDeploymentsAsync("hello", Ct));
        Assert.Null(await Store.GetDeploymentAsync("hello", "d1", Ct));
    }

    [Fact]
    public async Task DeleteAppAsync_AppHoldsInstances_ThrowsConflictAndKeepsApp()
    {
        await SeedAppAsync();
        var host = await SeedHostAsync(StateTestData.Host());
        await Store.ReserveInstanceAsync(StateTestData.Reservation("i1", host.Version), Ct);

        await Assert.ThrowsAsync<ConflictException>(() => Store.DeleteAppAsync("hello", Ct));

        Assert.NotNull(await Store.GetAppAsync("hello", Ct));
        Assert.Single(await Store.ListDeploymentsAsync("hello", Ct));
    }

    [Fact]
    public async Task CreateAppAsync_IdTakenByOtherTenant_ThrowsConflict()
    {
        await Store.CreateTenantAsync(StateTestData.Tenant("acme"), Ct);
        await Store.CreateTenantAsync(StateTestData.Tenant("globex"), Ct);
        await Store.CreateAppAsync(StateTestData.App("hello", "acme"), Ct);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Store.CreateAppAsync(StateTestData.App("hello", "globex"), Ct));

        Assert.Equal("app 'hello' already exists", error.Message);
        Assert.Equal("acme", (await Store.GetAppAsync("hello", Ct))?.Tenant);
    }

    [Fact]
    public async Task CreateAppAsync_UnknownTenant_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.CreateAppAsync(StateTestData.App("hello", "nobody"), Ct));
}

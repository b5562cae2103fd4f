using Berth.Core.Apps;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    [Fact]
    public async Task CreateDeploymentAsync_NewDeployment_GetReturnsIt()
    {
        await SeedAppAsync();
        var deployment = StateTestData.Deployment("d2", version: "v2") with { Reason = "scaling", State = DeploymentState.Running };

        await Store.CreateDeploymentAsync(deployment, Ct);

        Assert.Equal(deployment, await Store.GetDeploymentAsync("hello", "d2", Ct));
    }

    [Fact]
    public async Task GetDeploymentAsync_OtherAppsId_ReturnsNull()
    {
        await SeedAppAsync();

        Assert.Null(await Store.GetDeploymentAsync("other", "d1", Ct));
    }

    [Fact]
    public async Task CreateDeploymentAsync_DuplicateId_ThrowsConflict()
    {
        await SeedAppAsync();

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateDeploymentAsync(StateTestData.Deployment(), Ct));
    }

    [Fact]
    public async Task CreateDeploymentAsync_UnknownApp_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.CreateDeploymentAsync(StateTestData.Deployment(appId: "ghost"), Ct));

    [Fact]
    public async Task UpdateDeploymentAsync_StateAndReason_GetReturnsThem()
    {
        await SeedAppAsync();
        var updated = StateTestData.Deployment() with
        {
            State = DeploymentState.Failed,
            Reason = "image not found",
            Instances = 5,
            UpdatedAt = StateTestData.Epoch.AddMinutes(3),
        };

        await Store.UpdateDeploymentAsync(updated, Ct);

        Assert.Equal(updated, await Store.GetDeploymentAsync("hello", "d1", Ct));
    }

    [Fact]
    public async Task UpdateDeploymentAsync_UnknownDeployment_ThrowsKeyNotFound()
    {
        await SeedAppAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.UpdateDeploymentAsync(StateTestData.Deployment("ghost"), Ct));
    }

    [Fact]
    public async Task ListDeploymentsAsync_SeveralDeployments_NewestFirst()
    {
        await SeedAppAsync();
        await Store.CreateDeploymentAsync(StateTestData.Deployment("d3") with { CreatedAt = StateTestData.Epoch.AddHours(2) }, Ct);
        await Store.CreateDeploymentAsync(StateTestData.Deployment("d2") with { CreatedAt = StateTestData.Epoch.AddTicks(1) }, Ct);

        var deployments = await Store.ListDeploymentsAsync("hello", Ct);

        Assert.Equal(["d3", "d2", "d1"], deployments.Select(deployment => deployment.Id));
        Assert.Empty(await Store.ListDeploymentsAsync("other", Ct));
    }
}

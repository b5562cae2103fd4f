using Berth.Core.Scaling;
using Berth.Core.State;

namespace Berth.State.Tests;

public abstract partial class StateStoreContractTests
{
    private IAutoscaleStore Autoscale => (IAutoscaleStore)Store;

    [Fact]
    public async Task PutAutoscalePolicyAsync_TwiceForOneApp_KeepsTheLatest()
    {
        await SeedAppAsync();
        var first = new AutoscalePolicy("hello", 1, 10, AutoscaleMetric.RequestsPerSecondPerInstance, 50, null, Clock.Now);
        var second = new AutoscalePolicy("hello", 0, 4, AutoscaleMetric.P99Ms, 212.5, 300, Clock.Now.AddMinutes(1));

        await Autoscale.PutAutoscalePolicyAsync(first, Ct);
        await Autoscale.PutAutoscalePolicyAsync(second, Ct);

        Assert.Equal(second, await Autoscale.GetAutoscalePolicyAsync("hello", Ct));
        Assert.Equal([second], await Autoscale.ListAutoscalePoliciesAsync(Ct));
    }

    [Fact]
    public async Task PutAutoscalePolicyAsync_UnknownApp_ThrowsKeyNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Autoscale.PutAutoscalePolicyAsync(
            new AutoscalePolicy("nope", 1, 2, AutoscaleMetric.CpuPercent, 60, null, Clock.Now), Ct));
    }

    [Fact]
    public async Task DeleteAutoscalePolicyAsync_Twice_TrueThenFalse()
    {
        await SeedAppAsync();
        await Autoscale.PutAutoscalePolicyAsync(new AutoscalePolicy("hello", 1, 2, AutoscaleMetric.CpuPercent, 60, null, Clock.Now), Ct);

        Assert.True(await Autoscale.DeleteAutoscalePolicyAsync("hello", Ct));
        Assert.False(await Autoscale.DeleteAutoscalePolicyAsync("hello", Ct));
        Assert.Null(await Autoscale.GetAutoscalePolicyAsync("hello", Ct));
    }

    [Fact]
    public async Task DeleteAppAsync_AppWithAutoscalePolicy_RemovesThePolicy()
    {
        await SeedAppAsync();
        await Autoscale.PutAutoscalePolicyAsync(new AutoscalePolicy("hello", 1, 2, AutoscaleMetric.CpuPercent, 60, null, Clock.Now), Ct);

        await Store.DeleteAppAsync("hello", Ct);

        Assert.Empty(await Autoscale.ListAutoscalePoliciesAsync(Ct));
    }
}

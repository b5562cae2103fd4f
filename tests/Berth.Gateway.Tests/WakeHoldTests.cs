using System.Net;
using Berth.Discovery.Sleep;
using Berth.Gateway.Tests.Support;

namespace Berth.Gateway.Tests;

/// <summary>
/// Requests for a sleeping app through a real gateway over a real embedded store, with no control plane: the test plays
/// the leader, answering the gateway's wake request by registering an instance or by marking the wake failed.
/// </summary>
public sealed class WakeHoldTests
{
    private const string App = "sleepy";
    private const string Host = "sleepy.localhost";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hold_InstanceRegisteredAfterWakeAsked_EveryHeldRequestAnswered()
    {
        await using var gateway = await SleepingAsync(new GatewayOptions());
        var held = Enumerable.Range(0, 5).Select(_ => gateway.GetTextAsync(Host, "/", Ct)).ToList();
        await WakeAskedAsync(gateway);

        await gateway.AddBackendAsync(App, "woken", Ct);

        Assert.All(await Task.WhenAll(held), text => Assert.Equal("woken", text));
    }

    [Fact]
    public async Task Hold_BeyondLimit_503WithRetryAfter()
    {
        await using var gateway = await SleepingAsync(new GatewayOptions { WakeHoldLimit = 1 });
        var first = gateway.GetTextAsync(Host, "/", Ct);
        await WakeAskedAsync(gateway);

        using var refused = await gateway.GetAsync(Host, "/", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("too many requests waiting", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await gateway.AddBackendAsync(App, "woken", Ct);
        Assert.Equal("woken", await first);
    }

    [Fact]
    public async Task Hold_WakeMarkedFailed_503WithRetryAfterAndReason()
    {
        await using var gateway = await SleepingAsync(new GatewayOptions());
        var held = Enumerable.Range(0, 3).Select(_ => gateway.GetAsync(Host, "/", Ct)).ToList();
        await WakeAskedAsync(gateway);

        await gateway.Store.PutAsync(SleepKeys.Sleeping(App), SleepKeys.Failed("image sleepy:v1 not found"), Ct);

        foreach (var response in await Task.WhenAll(held))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("could not be woken: image sleepy:v1 not found", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            response.Dispose();
        }
    }

    [Fact]
    public async Task Hold_EarlierFailureMarked_HeldUntilThisWakeEnds()
    {
        await using var gateway = await SleepingAsync(new GatewayOptions());
        await gateway.PutAsync(SleepKeys.Sleeping(App), SleepKeys.Failed("an earlier wake failed"), Ct);

        var held = gateway.GetTextAsync(Host, "/", Ct);
        await WakeAskedAsync(gateway);
        await gateway.AddBackendAsync(App, "woken", Ct);

        Assert.Equal("woken", await held);
    }

    [Fact]
    public async Task Hold_NoWakeWithinTimeout_503WithRetryAfter()
    {
        await using var gateway = await SleepingAsync(new GatewayOptions { WakeTimeout = TimeSpan.FromMilliseconds(300) });

        using var response = await gateway.GetAsync(Host, "/", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("did not wake up in time", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_SleepMarkedAppWithInstance_ForwardedWithoutAskingToWake()
    {
        await using var gateway = await SleepingAsync(new GatewayOptions());
        await gateway.AddBackendsAsync(App, Ct, "awake");

        Assert.Equal("awake", await gateway.GetTextAsync(Host, "/", Ct));
        Assert.Empty((await gateway.Store.GetPrefixAsync(SleepKeys.WakeRoot, Ct)).Entries);
    }

    /// <summary>A gateway that knows the app (its marker) as sleeping and has no instance of it.</summary>
    private static async Task<GatewayHarness> SleepingAsync(GatewayOptions options)
    {
        var gateway = await GatewayHarness.StartAsync(Ct, options);
        await gateway.Registry.AddAppAsync(App, "tenant", Ct);
        await gateway.PutAsync(SleepKeys.Sleeping(App), SleepKeys.Asleep, Ct);
        return gateway;
    }

    /// <summary>Waits for the gateway's wake request, as the leader would see it, and takes it as the leader does.</summary>
    private static async Task WakeAskedAsync(GatewayHarness gateway)
    {
        await Eventually.TrueAsync(async () => (await gateway.Store.GetPrefixAsync(SleepKeys.WakeRoot, Ct)).Entries.Count == 1, TimeSpan.FromSeconds(10), Ct);
        var asked = (await gateway.Store.GetPrefixAsync(SleepKeys.WakeRoot, Ct)).Entries.Single();
        Assert.Equal(SleepKeys.Wake(App), asked.Key);
        Assert.StartsWith("gateway ", asked.Value, StringComparison.Ordinal);
        await gateway.Store.DeleteAsync(asked.Key, Ct);
    }
}

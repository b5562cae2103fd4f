using System.Net;
using System.Net.Http.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>One tenant cannot hold every long call of the server: its config and event waits and log follows are capped.</summary>
public sealed class WaitLimitTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(configure: options => options.MaxWaitsPerTenant = 2);

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Waits_PastTheTenantsLimit_Are429WhileOtherTenantsStillWait()
    {
        var acme = await _berth.TenantAsync("acme");
        var other = await _berth.TenantAsync("other");
        var app = BerthTestServer.UniqueAppId("waits");
        var theirs = BerthTestServer.UniqueAppId("theirs");
        (await acme.PostAsJsonAsync("/v1/apps", new { id = app })).EnsureSuccessStatusCode();
        (await other.PostAsJsonAsync("/v1/apps", new { id = theirs })).EnsureSuccessStatusCode();
        var index = (await acme.GetAsync($"/v1/apps/{app}/config")).Headers.GetValues("X-Berth-Index").Single();
        using var release = new CancellationTokenSource();
        var holders = new[]
        {
            HoldAsync(acme, $"/v1/apps/{app}/config?waitIndex={index}&wait=50s", release.Token),
            HoldAsync(acme, $"/v1/apps/{app}/events?after=1000000&wait=50s", release.Token),
        };

        // Probes run one at a time, so a 429 means both holders hold their places.
        HttpResponseMessage refused = null!;
        await Eventually.TrueAsync(async () =>
        {
            // An accepted follow of an app without instances may send nothing yet: give up on it and try again.
            using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                refused = await acme.GetAsync($"/v1/apps/{app}/logs?follow=true", HttpCompletionOption.ResponseHeadersRead, probe.Token);
            }
            catch (OperationCanceledException) when (probe.IsCancellationRequested)
            {
                return false;
            }

            return refused.StatusCode == HttpStatusCode.TooManyRequests || await CloseAsync(refused);
        });
        var othersWait = await other.GetAsync($"/v1/apps/{theirs}/events?after=1000000&wait=1s");

        Assert.Contains("tenant 'acme' already has 2 long calls open", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, othersWait.StatusCode);
        await release.CancelAsync();
        await Task.WhenAll(holders);
        await Eventually.TrueAsync(async () => (await acme.GetAsync($"/v1/apps/{app}/config?waitIndex={index}&wait=1s")).StatusCode == HttpStatusCode.OK);
    }

    /// <summary>Sends the wait until the server accepts it, then keeps it open until <paramref name="release"/>.</summary>
    private static async Task HoldAsync(HttpClient client, string path, CancellationToken release)
    {
        try
        {
            while ((await client.GetAsync(path, release)).StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(50, release);
            }
        }
        catch (OperationCanceledException) when (release.IsCancellationRequested)
        {
            // Released.
        }
    }

    /// <summary>Ends a probe that was accepted (a log follow stays open); always false, so the probe is tried again.</summary>
    private static Task<bool> CloseAsync(HttpResponseMessage response)
    {
        response.Dispose();
        return Task.FromResult(false);
    }
}

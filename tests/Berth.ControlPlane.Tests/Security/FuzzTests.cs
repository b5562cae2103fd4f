using System.Net;
using System.Net.Http.Json;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>A thousand malformed or hostile requests: no 5xx, nothing stored changes, the server still answers.</summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int Requests = 1000;
    private const int Parallelism = 8;
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task HostileRequests_AThousand_NoServerErrorNoStateChangeStillAnswers()
    {
        var owner = await _berth.TenantAsync("owner");
        var intruder = await _berth.TenantAsync("intruder");
        var app = BerthTestServer.UniqueAppId("fuzz");
        (await owner.PostAsJsonAsync("/v1/apps", new { id = app, env = new Dictionary<string, string> { ["A"] = "1" } })).EnsureSuccessStatusCode();
        (await owner.PutAsJsonAsync($"/v1/apps/{app}/config/KEY", new { value = "kept", secret = true })).EnsureSuccessStatusCode();
        (await _berth.Admin.PutAsync("/v1/base-images/base/fuzz", null)).EnsureSuccessStatusCode();
        var before = await StateDump.TakeAsync(_berth.Options.DatabasePath, _berth.Admin);

        var seed = Environment.TickCount;
        var hostile = new HostileRequests(new Random(seed), _berth.Server.ApiUrl, "owner", app);
        var signedIn = SecurityClients.NewLoopbackAddress();
        using var asOwner = SecurityClients.From(signedIn, _berth.Server.ApiUrl, SecurityClients.TokenOf(owner));
        using var asIntruder = SecurityClients.From(signedIn, _berth.Server.ApiUrl, SecurityClients.TokenOf(intruder));
        using var asAdmin = SecurityClients.From(signedIn, _berth.Server.ApiUrl, SecurityClients.TokenOf(_berth.Admin));
        // Strangers fail to authenticate, so they come from elsewhere: their rate limit must not stop the others.
        using var asStranger = SecurityClients.From(SecurityClients.NewLoopbackAddress(), _berth.Server.ApiUrl, null);
        var batch = Enumerable.Range(0, Requests).Select(_ => hostile.Next()).Select(next =>
        {
            if (next.Sender == HostileRequests.Sender.Stranger && hostile.StrangerAuthorization() is { } authorization)
            {
                next.Request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return next;
        }).ToArray();

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, cancellationToken) =>
        {
            var client = item.Sender switch
            {
                HostileRequests.Sender.Owner => asOwner,
                HostileRequests.Sender.Intruder => asIntruder,
                HostileRequests.Sender.Admin => asAdmin,
                _ => asStranger,
            };
            var what = $"{item.Sender} {item.Request.Method} {item.Request.RequestUri}";
            using var request = item.Request;
            using var response = await client.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{what} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

        Assert.True(failures.IsEmpty, $"seed {seed}:\n" + string.Join('\n', failures.Take(20)));
        Assert.Equal(Requests, statuses.Count);
        Assert.Equal(before, await StateDump.TakeAsync(_berth.Options.DatabasePath, _berth.Admin));
        Assert.Equal(HttpStatusCode.OK, (await _berth.Client(null).GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/v1/apps/{app}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/v1/apps", new { id = BerthTestServer.UniqueAppId("after") })).StatusCode);
        Assert.NotEmpty(await _berth.Admin.GetFromJsonAsync<object[]>("/v1/audit?limit=10") ?? []);
    }
}

using Berth.Core.Discovery;
using Berth.Discovery.Certificates;
using Berth.Discovery.Etcd;
using Grpc.Core;

namespace Berth.Discovery.Tests.Etcd;

/// <summary>
/// The secure etcd member (scripts/start-etcd.sh --secure): client TLS required, auth on, the berth role limited to
/// /caas/ and the gateway role to reading addresses and app markers.
/// </summary>
public sealed class EtcdSecureAccessTests : IDisposable
{
    private readonly string _app = $"secure-{Guid.NewGuid():N}"[..20];
    private readonly EtcdDiscoveryStore _berth = new(EtcdTestServers.Secure("berth"));
    private readonly EtcdDiscoveryStore _gateway = new(EtcdTestServers.Secure("gateway"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BerthUser_UnderCaas_ReadsAndWrites()
    {
        var revision = await _berth.PutAsync(ServiceKeys.Address(_app, "v1", "c1"), "10.0.0.1:80", Ct);

        var snapshot = await _berth.GetPrefixAsync(ServiceKeys.AppPrefix(_app), Ct);

        Assert.Equal([new DiscoveryEntry(ServiceKeys.Address(_app, "v1", "c1"), "10.0.0.1:80", revision)], snapshot.Entries);
        Assert.True(await _berth.DeleteAsync(ServiceKeys.Address(_app, "v1", "c1"), Ct));
    }

    [Fact]
    public async Task BerthUser_OutsideCaas_AccessDenied()
    {
        var error = await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => _berth.PutAsync($"/elsewhere/{_app}", "x", Ct));

        Assert.Contains("permission denied for user 'berth'", error.Message);
    }

    [Fact]
    public async Task GatewayUser_ReadsAddressesAndAppMarkers()
    {
        await _berth.PutAsync(ServiceKeys.Address(_app, "v1", "c1"), "10.0.0.1:80", Ct);
        await _berth.PutAsync(AppKeys.Marker(_app), "tenant", Ct);

        var addresses = await new ServiceRegistry(_gateway).ListAsync(_app, Ct);
        var marker = await _gateway.GetPrefixAsync(AppKeys.Marker(_app), Ct);

        Assert.Equal(["10.0.0.1:80"], addresses.Select(a => a.Address));
        Assert.Equal(["tenant"], marker.Entries.Select(e => e.Value));
        await _berth.DeleteAsync(ServiceKeys.Address(_app, "v1", "c1"), Ct);
        await _berth.DeleteAsync(AppKeys.Marker(_app), Ct);
    }

    [Fact]
    public async Task GatewayUser_WatchesAddresses()
    {
        var start = (await _gateway.GetPrefixAsync(ServiceKeys.AppPrefix(_app), Ct)).Revision;
        await using var watch = _gateway.WatchAsync(ServiceKeys.AppPrefix(_app), start, Ct).GetAsyncEnumerator(Ct);
        var next = watch.MoveNextAsync();

        await _berth.PutAsync(ServiceKeys.Address(_app, "v1", "c1"), "10.0.0.1:80", Ct);

        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal("10.0.0.1:80", watch.Current.Value);
        await _berth.DeleteAsync(ServiceKeys.Address(_app, "v1", "c1"), Ct);
    }

    [Fact]
    public async Task GatewayUser_ReadsCertificateStoreButCannotWriteIt()
    {
        var name = $"{_app}.shop.test";
        await _berth.PutAsync(CertificateKeys.For(name), """{"name":"x"}""", Ct);

        var read = await _gateway.GetPrefixAsync(CertificateKeys.For(name), Ct);
        var error = await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => _gateway.PutAsync(CertificateKeys.For(name), "{}", Ct));

        Assert.Equal(["""{"name":"x"}"""], read.Entries.Select(e => e.Value));
        Assert.Contains("permission denied for user 'gateway'", error.Message);
        await _berth.DeleteAsync(CertificateKeys.For(name), Ct);
    }

    [Fact]
    public async Task GatewayUser_AsksForCertificatesAndReadsHttpsPolicies()
    {
        var name = $"{_app}.shop.test";
        await _berth.PutAsync(Berth.Discovery.Gateway.GatewayKeys.Https(_app), """{"redirect":true}""", Ct);

        await _gateway.PutAsync(CertificateKeys.Wanted(name), "gateway", Ct);
        var policy = await _gateway.GetPrefixAsync(Berth.Discovery.Gateway.GatewayKeys.Https(_app), Ct);

        Assert.Equal(["gateway"], (await _berth.GetPrefixAsync(CertificateKeys.Wanted(name), Ct)).Entries.Select(e => e.Value));
        Assert.Equal(["""{"redirect":true}"""], policy.Entries.Select(e => e.Value));
        await _berth.DeleteAsync(CertificateKeys.Wanted(name), Ct);
        await _berth.DeleteAsync(Berth.Discovery.Gateway.GatewayKeys.Https(_app), Ct);
    }

    [Fact]
    public async Task GatewayUser_Write_AccessDenied()
    {
        var error = await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(
            () => new ServiceRegistry(_gateway).RegisterAsync(_app, "v1", "c1", "10.0.0.1:80", Ct));

        Assert.Contains("permission denied for user 'gateway'", error.Message);
        Assert.Empty((await _berth.GetPrefixAsync(ServiceKeys.AppPrefix(_app), Ct)).Entries);
    }

    [Fact]
    public async Task GatewayUser_Delete_AccessDenied()
    {
        await _berth.PutAsync(ServiceKeys.Address(_app, "v1", "c1"), "10.0.0.1:80", Ct);

        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => _gateway.DeleteAsync(ServiceKeys.Address(_app, "v1", "c1"), Ct));

        Assert.Single((await _berth.GetPrefixAsync(ServiceKeys.AppPrefix(_app), Ct)).Entries);
        await _berth.DeleteAsync(ServiceKeys.Address(_app, "v1", "c1"), Ct);
    }

    [Fact]
    public async Task GatewayUser_ReadConfig_AccessDenied()
    {
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => _gateway.GetPrefixAsync(DiscoveryKeys.ConfigPrefix(_app), Ct));
    }

    [Fact]
    public async Task GatewayUser_WatchConfig_AccessDenied()
    {
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(async () =>
        {
            await foreach (var unused in _gateway.WatchAsync(DiscoveryKeys.ConfigPrefix(_app), 0, Ct))
            {
            }
        });
    }

    [Fact]
    public async Task GatewayUser_Campaign_AccessDenied()
    {
        await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => _gateway.CampaignAsync(_app, "gw", TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task ExpiredToken_AuthenticatesAgainForCallsAndWatches()
    {
        await _berth.PutAsync(ServiceKeys.Address(_app, "v1", "c1"), "10.0.0.1:80", Ct);
        _gateway.ReplaceAuthToken("expired.token");

        var snapshot = await _gateway.GetPrefixAsync(ServiceKeys.AppPrefix(_app), Ct);
        _gateway.ReplaceAuthToken("expired.again");
        var watched = await _gateway.WatchAsync(ServiceKeys.AppPrefix(_app), snapshot.Revision - 1, Ct).TakeAsync(1);

        Assert.Single(snapshot.Entries);
        Assert.Equal("10.0.0.1:80", watched.Single().Value);
        await _berth.DeleteAsync(ServiceKeys.Address(_app, "v1", "c1"), Ct);
    }

    [Fact]
    public async Task NoCredentials_Refused()
    {
        using var anonymous = new EtcdDiscoveryStore(EtcdTestServers.Secure(user: null));

        var error = await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => anonymous.GetPrefixAsync(ServiceKeys.AddressRoot, Ct));

        Assert.Contains("requires credentials", error.Message);
    }

    [Fact]
    public async Task WrongPassword_Refused()
    {
        var options = EtcdTestServers.Secure("gateway");
        options.Password = "not-the-password";
        using var impostor = new EtcdDiscoveryStore(options);

        var error = await Assert.ThrowsAsync<DiscoveryAccessDeniedException>(() => impostor.GetPrefixAsync(ServiceKeys.AddressRoot, Ct));

        Assert.Contains("authentication failed for user 'gateway'", error.Message);
    }

    [Fact]
    public async Task NoClientCertificate_RefusedAtTheHandshake()
    {
        var options = EtcdTestServers.Secure("berth");
        options.ClientCertFile = options.ClientKeyFile = null;
        using var uncertified = new EtcdDiscoveryStore(options);
        await _berth.GetPrefixAsync(ServiceKeys.AddressRoot, Ct); // the member answers a certified client

        var error = await Assert.ThrowsAsync<RpcException>(() => uncertified.GetPrefixAsync(ServiceKeys.AddressRoot, Ct));

        // TLS 1.3 finishes the client's side of the handshake before the member checks the certificate, so the refusal
        // reaches the client either while connecting (Unavailable) or on the first read (Internal).
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    public void Dispose()
    {
        _berth.Dispose();
        _gateway.Dispose();
    }
}

using System.Net;
using System.Security.Cryptography;
using Berth.Discovery.Certificates;
using Berth.Discovery.Gateway;
using Berth.Gateway.Tests.Support;
using Berth.Gateway.Tls;
using Berth.State.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Gateway.Tests.Tls;

/// <summary>
/// The on-demand certificate requests a gateway writes to discovery (<c>/caas/acme/wanted/{name}</c>) under a flood of
/// handshakes: none for a name it does not route, one per name, and at most <see cref="CertificateRequests.PerMinute"/>
/// in a minute however fast the handshakes come. The gateway's clock is set by the test, so no timing matters.
/// </summary>
public sealed class CertificateRequestLimitTests : IDisposable
{
    private readonly string _authorityDirectory = Path.Combine(Path.GetTempPath(), "berth-tls-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handshake_ManyNamesFast_RequestsWrittenStayWithinTheLimit()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await GatewayHarness.StartAsync(
            Ct,
            new GatewayOptions
            {
                HttpsUrl = "https://127.0.0.1:0",
                LocalAuthorityDirectory = _authorityDirectory,
                SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            },
            services: services => services.AddSingleton<TimeProvider>(clock));
        await gateway.AddBackendsAsync("shop", Ct, "one");
        string[] known = [.. Enumerable.Range(0, 2 * CertificateRequests.PerMinute).Select(i => $"www{i}.shop.test")];
        foreach (var name in known)
        {
            await gateway.PutAsync(GatewayKeys.Domain(name), "shop", Ct);
        }

        // Every routed name three times, and as many names no app answers to.
        await HandshakesAsync(gateway, [.. known, .. known, .. known, .. known.Select(name => "made-up-" + name)]);
        var firstMinute = await WantedAsync(gateway);
        clock.Now += TimeSpan.FromMinutes(1);
        await HandshakesAsync(gateway, known);
        var secondMinute = await WantedAsync(gateway);

        Assert.Equal(CertificateRequests.PerMinute, firstMinute.Count);
        Assert.All(firstMinute, name => Assert.Contains(name, known));
        // The next minute's budget goes to the names not asked for yet; those asked for are not asked again.
        Assert.Equal(known.Order(StringComparer.Ordinal), secondMinute.Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_authorityDirectory))
        {
            Directory.Delete(_authorityDirectory, recursive: true);
        }
    }

    private static async Task HandshakesAsync(GatewayHarness gateway, IEnumerable<string> names)
    {
        var endPoint = new IPEndPoint(IPAddress.Loopback, gateway.HttpsAddress!.Port);
        foreach (var name in names)
        {
            using var certificate = await TlsClients.HandshakeAsync(endPoint, name, Ct);
        }
    }

    /// <summary>
    /// The names asked for. The gateway decides, and starts the write, while it picks the handshake's certificate,
    /// before it answers; the embedded store completes a write at once. So once the handshakes are done, every
    /// request made is in the store.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WantedAsync(GatewayHarness gateway) =>
        [.. (await gateway.Store.GetPrefixAsync(CertificateKeys.WantedRoot, Ct)).Entries.Select(entry => entry.Key[CertificateKeys.WantedRoot.Length..])];
}

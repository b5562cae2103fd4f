using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Discovery.Certificates;
using Berth.Discovery.Config;
using Berth.Discovery.Embedded;
using Berth.Gateway.Tests.Support;
using Berth.Gateway.Tls;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Gateway.Tests.Tls;

/// <summary>
/// The certificate store in discovery as gateways serve it: one entry, written once, is what every gateway on the
/// store hands out for its name (a wildcard for the names under it); its key is sealed, so a gateway without the
/// installation's key falls back to its local authority.
/// </summary>
public sealed class StoredCertificateTests : IDisposable
{
    private static readonly byte[] SecretKey = RandomNumberGenerator.GetBytes(32);
    private readonly string _authorityDirectory = Path.Combine(Path.GetTempPath(), "berth-tls-" + Guid.NewGuid().ToString("N"));
    private readonly EmbeddedDiscoveryStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handshake_TwoGatewaysOneStore_BothServeTheStoredCertificate()
    {
        await using var first = await StartAsync(SecretKey);
        await using var second = await StartAsync(SecretKey);
        await first.AddBackendsAsync("shop", Ct, "one");
        using var stored = SelfSigned("www.shop.test");

        await Store(SecretKey).PutAsync("www.shop.test", stored, [], CertificateSources.Upload, Ct);
        await WaitUntilServedAsync(first, 1);
        await WaitUntilServedAsync(second, 1);
        using var fromFirst = await TlsClients.HandshakeAsync(EndPoint(first), "www.shop.test", Ct);
        using var fromSecond = await TlsClients.HandshakeAsync(EndPoint(second), "www.shop.test", Ct);

        Assert.Equal(stored.SerialNumber, fromFirst.SerialNumber);
        Assert.Equal(stored.SerialNumber, fromSecond.SerialNumber);
    }

    [Fact]
    public async Task Handshake_StoredWithIntermediate_ClientTrustingOnlyTheRootVerifiesIt()
    {
        await using var gateway = await StartAsync(SecretKey);
        await gateway.AddBackendsAsync("shop", Ct, "one");
        await gateway.PutAsync(Berth.Discovery.Gateway.GatewayKeys.Domain("www.shop.test"), "shop", Ct);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var root = Authority("CN=Test Root", rootKey, null, null);
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var intermediate = Authority("CN=Test Intermediate", intermediateKey, root, rootKey);
        using var leaf = Leaf("www.shop.test", intermediate, intermediateKey);

        await Store(SecretKey).PutAsync("www.shop.test", leaf, [intermediate], CertificateSources.Upload, Ct);
        await WaitUntilServedAsync(gateway, 1);
        using var client = TlsClients.Http(EndPoint(gateway), root, HttpVersion.Version20);
        var answer = await client.GetStringAsync($"https://www.shop.test:{gateway.HttpsAddress!.Port}/", Ct);

        Assert.Equal("one", answer);
    }

    [Fact]
    public async Task Handshake_WildcardStored_ServesNamesUnderIt()
    {
        await using var gateway = await StartAsync(SecretKey);
        using var wildcard = SelfSigned("*.apps.test");

        await Store(SecretKey).PutAsync("*.apps.test", wildcard, [], CertificateSources.Upload, Ct);
        await WaitUntilServedAsync(gateway, 1);
        using var served = await TlsClients.HandshakeAsync(EndPoint(gateway), "web.apps.test", Ct);

        Assert.Equal(wildcard.SerialNumber, served.SerialNumber);
    }

    [Fact]
    public async Task Handshake_EntryDeleted_LocalAuthorityServesAgain()
    {
        await using var gateway = await StartAsync(SecretKey);
        await gateway.AddBackendsAsync("shop", Ct, "one");
        await gateway.PutAsync(Berth.Discovery.Gateway.GatewayKeys.Domain("www.shop.test"), "shop", Ct);
        using var stored = SelfSigned("www.shop.test");
        var certificates = Store(SecretKey);
        await certificates.PutAsync("www.shop.test", stored, [], CertificateSources.Upload, Ct);
        await WaitUntilServedAsync(gateway, 1);

        await certificates.DeleteAsync("www.shop.test", Ct);
        await WaitUntilServedAsync(gateway, 0);
        using var served = await TlsClients.HandshakeAsync(EndPoint(gateway), "www.shop.test", Ct);

        Assert.NotEqual(stored.SerialNumber, served.SerialNumber);
        Assert.StartsWith("CN=Berth Local Authority", served.Issuer);
    }

    [Fact]
    public async Task Handshake_AnotherInstallationsKey_EntrySkippedLocalAuthorityServes()
    {
        var gatewayKey = RandomNumberGenerator.GetBytes(32);
        await using var gateway = await StartAsync(gatewayKey);
        await gateway.PutAsync(Berth.Discovery.Gateway.GatewayKeys.Domain("www.shop.test"), "shop", Ct);
        using var foreign = SelfSigned("www.shop.test");
        using var own = SelfSigned("other.shop.test");

        // One watch delivers both in order: once the second is served, the first was read and refused.
        await Store(SecretKey).PutAsync("www.shop.test", foreign, [], CertificateSources.Upload, Ct);
        await Store(gatewayKey).PutAsync("other.shop.test", own, [], CertificateSources.Upload, Ct);
        await WaitUntilServedAsync(gateway, 1);
        using var served = await TlsClients.HandshakeAsync(EndPoint(gateway), "www.shop.test", Ct);

        Assert.NotEqual(foreign.SerialNumber, served.SerialNumber);
        Assert.StartsWith("CN=Berth Local Authority", served.Issuer);
    }

    [Fact]
    public async Task PutAsync_Entry_KeyNotInPlainText()
    {
        using var stored = SelfSigned("www.shop.test");
        using var key = stored.GetECDsaPrivateKey()!;

        await Store(SecretKey).PutAsync("www.shop.test", stored, [], CertificateSources.Upload, Ct);
        var raw = (await _store.GetPrefixAsync(CertificateKeys.Root, Ct)).Entries.Single().Value;

        Assert.DoesNotContain("PRIVATE KEY", raw);
        Assert.DoesNotContain(Convert.ToBase64String(key.ExportPkcs8PrivateKey())[..40], raw);
        Assert.Contains(SecretProtector.Prefix, raw);
    }

    public void Dispose()
    {
        if (Directory.Exists(_authorityDirectory))
        {
            Directory.Delete(_authorityDirectory, recursive: true);
        }
    }

    private CertificateStore Store(byte[] key) => new(_store, new SecretProtector(key));

    private Task<GatewayHarness> StartAsync(byte[] secretKey) => GatewayHarness.StartAsync(
        Ct,
        new GatewayOptions { HttpsUrl = "https://127.0.0.1:0", LocalAuthorityDirectory = _authorityDirectory, SecretKey = Convert.ToBase64String(secretKey) },
        _store);

    private static IPEndPoint EndPoint(GatewayHarness gateway) => new(IPAddress.Loopback, gateway.HttpsAddress!.Port);

    private static Task WaitUntilServedAsync(GatewayHarness gateway, int count) =>
        Eventually.TrueAsync(() => gateway.Services.GetRequiredService<StoredCertificates>().Count == count, TimeSpan.FromSeconds(30), Ct);

    private static X509Certificate2 Authority(string subject, ECDsa key, X509Certificate2? issuer, ECDsa? issuerKey)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, from.AddDays(30));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey!), from, from.AddDays(20), [1, 2, 3]);
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    private static X509Certificate2 Leaf(string name, X509Certificate2 issuer, ECDsa issuerKey)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), from, from.AddDays(10), [4, 5, 6]);
        return signed.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
    }
}

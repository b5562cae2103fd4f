using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Berth.ControlPlane.Tests.Support;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests.Certificates;

/// <summary>
/// A tenant's own certificate for its verified domain through the API: checked (key, domain, clock) with the reason
/// when refused, shown without its key, served by the gateway over HTTPS, and out of every other tenant's reach.
/// </summary>
public sealed class CertificateUploadTests : IAsyncLifetime
{
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync(configure: o => o.Gateway.HttpsUrl = "https://127.0.0.1:0");

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task Upload_ValidChain_ShownListedAndServed()
    {
        var tenant = await _berth.TenantAsync("uploads");
        var id = await CreateHelloAppAsync(tenant, "up");
        var domain = $"www.{id}.example.com";
        await _berth.AddDomainAsync(tenant, id, domain);
        using var authority = new TestAuthority();
        var (chain, key) = authority.Leaf(domain, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));

        var uploaded = await tenant.PutAsJsonAsync($"/v1/apps/{id}/domains/{domain}/certificate", new { chain, key });
        var shown = await tenant.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/domains/{domain}/certificate", BerthTestServer.Json);
        var listed = await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/domains", BerthTestServer.Json);
        using var served = await ServedOnceAsync(domain, authority.IntermediateSubject);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal("upload", shown.GetProperty("source").GetString());
        Assert.Equal(authority.IntermediateSubject, shown.GetProperty("issuer").GetString());
        Assert.Equal([domain], shown.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("renewAt").ValueKind);
        Assert.DoesNotContain("PRIVATE KEY", shown.GetRawText());
        Assert.Equal("upload", listed!.Single().GetProperty("certificate").GetProperty("source").GetString());
        Assert.Equal(authority.IntermediateSubject, served.Issuer);
    }

    [Fact]
    public async Task Upload_Refused_400WithTheReason()
    {
        var tenant = await _berth.TenantAsync("refusals");
        var id = await CreateHelloAppAsync(tenant, "bad");
        var domain = $"www.{id}.example.com";
        await _berth.AddDomainAsync(tenant, id, domain);
        using var authority = new TestAuthority();
        var (chain, _) = authority.Leaf(domain, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        var (_, otherKey) = authority.Leaf(domain, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        var (wrongName, wrongNameKey) = authority.Leaf("shop.other.test", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        var (expired, expiredKey) = authority.Leaf(domain, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Contains("does not match", await UploadRefusedAsync(tenant, id, domain, chain, otherKey));
        Assert.Contains($"is for shop.other.test, not {domain}", await UploadRefusedAsync(tenant, id, domain, wrongName, wrongNameKey));
        Assert.Contains("expired at", await UploadRefusedAsync(tenant, id, domain, expired, expiredKey));
        Assert.Contains("no PEM certificate", await UploadRefusedAsync(tenant, id, domain, "not a certificate", otherKey));
        Assert.Contains("not a PEM private key", await UploadRefusedAsync(tenant, id, domain, chain, "not a key"));
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.GetAsync($"/v1/apps/{id}/domains/{domain}/certificate")).StatusCode);
    }

    [Fact]
    public async Task Certificate_AnotherTenantsOrPendingDomain_404Or409()
    {
        var owner = await _berth.TenantAsync("owner");
        var stranger = await _berth.TenantAsync("stranger");
        var id = await CreateHelloAppAsync(owner, "own");
        var domain = $"www.{id}.example.com";
        await _berth.AddDomainAsync(owner, id, domain);
        var pending = $"pending.{id}.example.com";
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync($"/v1/apps/{id}/domains", new { domain = pending })).StatusCode);
        using var authority = new TestAuthority();
        var (chain, key) = authority.Leaf(domain, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/v1/apps/{id}/domains/{domain}/certificate", new { chain, key })).StatusCode);

        var read = await stranger.GetAsync($"/v1/apps/{id}/domains/{domain}/certificate");
        var replaced = await stranger.PutAsJsonAsync($"/v1/apps/{id}/domains/{domain}/certificate", new { chain, key });
        var removed = await stranger.DeleteAsync($"/v1/apps/{id}/domains/{domain}/certificate");
        var discovery = await owner.GetStringAsync($"/v1/discovery/{id}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Contains("verify it first", await ProblemAsync(await owner.PutAsJsonAsync($"/v1/apps/{id}/domains/{pending}/certificate", new { chain, key }), HttpStatusCode.Conflict));
        Assert.DoesNotContain("certificates", discovery);
        Assert.Equal("upload", (await owner.GetFromJsonAsync<JsonElement>($"/v1/apps/{id}/domains/{domain}/certificate", BerthTestServer.Json)).GetProperty("source").GetString());
    }

    [Fact]
    public async Task Wildcard_UploadedByAdmin_ServedForAppHostsAndRefusedToTenants()
    {
        var tenant = await _berth.TenantAsync("wild");
        var id = await CreateHelloAppAsync(tenant, "wild");
        using var authority = new TestAuthority();
        var (chain, key) = authority.Leaf("*.localhost", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        var (single, singleKey) = authority.Leaf($"{id}.localhost", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));

        var byTenant = await tenant.PutAsJsonAsync("/v1/certificates/wildcard", new { chain, key });
        var notWildcard = await ProblemAsync(await _berth.Admin.PutAsJsonAsync("/v1/certificates/wildcard", new { chain = single, key = singleKey }), HttpStatusCode.BadRequest);
        var uploaded = await _berth.Admin.PutAsJsonAsync("/v1/certificates/wildcard", new { chain, key });
        var shown = await _berth.Admin.GetFromJsonAsync<JsonElement>("/v1/certificates/wildcard", BerthTestServer.Json);
        using var served = await ServedOnceAsync($"{id}.localhost", authority.IntermediateSubject);

        Assert.Equal(HttpStatusCode.Forbidden, byTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync("/v1/certificates/wildcard")).StatusCode);
        Assert.Contains("not *.localhost", notWildcard);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal("*.localhost", shown.GetProperty("domain").GetString());
        Assert.Equal("upload", shown.GetProperty("source").GetString());
        Assert.True(served.MatchesHostname($"{id}.localhost"));
        Assert.Equal(HttpStatusCode.NoContent, (await _berth.Admin.DeleteAsync("/v1/certificates/wildcard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _berth.Admin.GetAsync("/v1/certificates/wildcard")).StatusCode);
    }

    private static async Task<string> UploadRefusedAsync(HttpClient tenant, string id, string domain, string chain, string key) =>
        await ProblemAsync(await tenant.PutAsJsonAsync($"/v1/apps/{id}/domains/{domain}/certificate", new { chain, key }), HttpStatusCode.BadRequest);

    /// <summary>Handshakes until the gateway serves a certificate from <paramref name="issuer"/> for the name.</summary>
    private async Task<X509Certificate2> ServedOnceAsync(string domain, string issuer)
    {
        X509Certificate2? served = null;
        var endPoint = new IPEndPoint(IPAddress.Loopback, new Uri(_berth.Server.GatewayHttpsUrl!).Port);
        await Poll.TrueAsync(
            async () =>
            {
                served?.Dispose();
                served = await ShortLivedPebble.HandshakeAsync(endPoint, domain);
                return served.Issuer == issuer;
            },
            TimeSpan.FromSeconds(30),
            $"the gateway serving the uploaded certificate of {domain}");
        return served!;
    }

    /// <summary>A root and an intermediate that sign leaves (PEM chain: leaf then intermediate).</summary>
    private sealed class TestAuthority : IDisposable
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        private readonly X509Certificate2 _intermediate;

        public TestAuthority()
        {
            var request = new CertificateRequest($"CN=Upload Test CA {Guid.NewGuid():N}", _key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            _intermediate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(60));
        }

        public string IntermediateSubject => _intermediate.Subject;

        public (string Chain, string Key) Leaf(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_intermediate, true, false));
            using var leaf = request.Create(_intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
            return (leaf.ExportCertificatePem() + "\n" + _intermediate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem());
        }

        public void Dispose()
        {
            _intermediate.Dispose();
            _key.Dispose();
        }
    }
}

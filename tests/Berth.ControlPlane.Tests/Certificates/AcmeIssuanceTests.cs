using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Berth.ControlPlane.Certificates;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Tests.Support;
using Berth.Core.Discovery;
using Berth.Discovery.Certificates;
using Berth.Discovery.Selection;
using Berth.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static Berth.ControlPlane.Tests.GatewayTestSupport;

namespace Berth.ControlPlane.Tests.Certificates;

/// <summary>
/// Certificates for custom domains from a real ACME server (Pebble, its certificates valid 30 s) through a real Berth:
/// issued when the domain is verified, its HTTP-01 check answered by the gateway, served over HTTP/2 to a client that
/// trusts only Pebble's root, renewed at two thirds of its life, and served alike by a second gateway on the same
/// store; an app's host name asked for by the gateway at its first handshake. The tests share Pebble's challenge port, so they run one after another (one class).
/// </summary>
public sealed class AcmeIssuanceTests
{
    [Fact]
    public async Task CustomDomain_Verified_IssuedServedOverHttp2RenewedAndSharedBySecondGateway()
    {
        var pebble = await ShortLivedPebble.StartAsync();
        await using var berth = await StartBerthAsync(pebble, $"http://127.0.0.1:{ShortLivedPebble.HttpPort}");
        var tenant = await berth.TenantAsync("certs");
        var id = await DeployHelloAsync(tenant, "tls", 1);
        var domain = $"www.{id}.acme.test";

        await berth.AddDomainAsync(tenant, id, domain);
        var issued = await EventAsync(tenant, id, "certificateIssued");
        using var fromFirst = await ServedAsStoredAsync(berth, berth.Server.GatewayHttpsUrl!, domain);
        var root = await pebble.RootAsync();
        using var client = ShortLivedPebble.Resolving(HttpsEndPoint(berth.Server.GatewayHttpsUrl!), root);
        using var response = await client.GetAsync($"https://{domain}:{new Uri(berth.Server.GatewayHttpsUrl!).Port}/");
        var first = await StoredAsync(berth, domain);
        await using var second = await StartSecondGatewayAsync(berth);
        using var fromSecond = await ServedAsStoredAsync(berth, GatewayApp.HttpsUrl(second)!, domain);
        await EventAsync(tenant, id, "certificateRenewed");
        var renewed = await StoredAsync(berth, domain);
        using var renewedFromFirst = await ServedAsStoredAsync(berth, berth.Server.GatewayHttpsUrl!, domain);
        var events = await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{id}/events", BerthTestServer.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.StartsWith("hello v1 from ", await response.Content.ReadAsStringAsync());
        Assert.Contains(domain, issued);
        Assert.Contains("valid until", issued);
        Assert.Equal(CertificateSources.Acme, first.Source);
        Assert.NotEqual(first.NotAfter, renewed.NotAfter);
        Assert.Contains("Pebble", fromSecond.Issuer, StringComparison.Ordinal);
        Assert.Contains("Pebble", renewedFromFirst.Issuer, StringComparison.Ordinal);
        Assert.Single(events!, e => e.GetProperty("type").GetString() == "certificateIssued");
    }

    [Fact]
    public async Task Renewal_ChallengeUnreachable_FailedEventWithProblemAndPreviousCertificateServes()
    {
        var pebble = await ShortLivedPebble.StartAsync();

        // Nothing listens where Pebble checks challenges: the gateway is elsewhere.
        await using var berth = await StartBerthAsync(pebble, "http://127.0.0.1:0");
        var tenant = await berth.TenantAsync("certfail");
        var id = await CreateHelloAppAsync(tenant, "tlsfail");
        var domain = $"www.{id}.acme.test";
        using var previous = DueCertificate(domain);
        await berth.Server.Services.GetRequiredService<CertificateStore>().PutAsync(domain, previous, [], CertificateSources.Acme, CancellationToken.None);

        await berth.AddDomainAsync(tenant, id, domain);
        var failed = await EventAsync(tenant, id, "certificateFailed");
        using var served = await ShortLivedPebble.HandshakeAsync(HttpsEndPoint(berth.Server.GatewayHttpsUrl!), domain);

        Assert.Contains("could not be renewed", failed);
        Assert.Contains("problem document", failed);
        Assert.Contains("urn:ietf:params:acme:error:", failed);
        Assert.Contains("keeps serving", failed);
        Assert.Equal(previous.SerialNumber, served.SerialNumber);
    }

    [Fact]
    public async Task AppHost_FirstHandshake_AskedOfLeaderAndIssuedOnDemand()
    {
        var pebble = await ShortLivedPebble.StartAsync();

        // The leader's own interval is an hour: only the gateway's request can bring the certificate within the test.
        await using var berth = await StartBerthAsync(pebble, $"http://127.0.0.1:{ShortLivedPebble.HttpPort}", appHosts: true, checkInterval: TimeSpan.FromHours(1));
        var discovery = berth.Server.Services.GetRequiredService<IDiscoveryStore>();
        await Poll.TrueAsync(
            async () => (await discovery.GetPrefixAsync(AcmeAccount.Key, CancellationToken.None)).Entries.Count > 0,
            TimeSpan.FromSeconds(60),
            "the leader's ACME account");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var tenant = await berth.TenantAsync("ondemand");
        var id = await CreateHelloAppAsync(tenant, "od");
        var host = $"{id}.{berth.Options.BaseDomain}";

        using var first = await ShortLivedPebble.HandshakeAsync(HttpsEndPoint(berth.Server.GatewayHttpsUrl!), host);
        var issued = await EventAsync(tenant, id, "certificateIssued");
        using var served = await ServedAsStoredAsync(berth, berth.Server.GatewayHttpsUrl!, host);

        Assert.DoesNotContain("Pebble", first.Issuer, StringComparison.Ordinal);
        Assert.Contains(host, issued);
        Assert.Contains("Pebble", served.Issuer, StringComparison.Ordinal);
        Assert.True(served.MatchesHostname(host));
    }

    [Fact]
    public async Task CustomDomain_ChallengeReachesOnlyAGatewayProcess_IssuedAndServedByIt()
    {
        var pebble = await ShortLivedPebble.StartAsync();
        await using var etcd = await PrivateEtcd.StartAsync();

        // The control plane that orders has its own gateway elsewhere: Pebble's HTTP-01 check reaches only the
        // `berth gateway` process, which knows the answer from discovery alone.
        await using var berth = await StartBerthAsync(
            pebble, "http://127.0.0.1:0", discovery: new DiscoveryOptions { Provider = DiscoveryProviders.Etcd, Endpoints = [etcd.Endpoint] });
        var httpsUrl = $"https://127.0.0.1:{BerthProcess.FreePort()}";
        await using var gateway = await BerthProcess.StartGatewayAsync(
            $"http://127.0.0.1:{ShortLivedPebble.HttpPort}",
            new Dictionary<string, string>
            {
                ["BERTH_Gateway__SecretKey"] = Convert.ToBase64String(SecretKey.LoadOrCreate(berth.Options)),
                ["BERTH_Gateway__LocalAuthorityDirectory"] = Path.Combine(berth.Options.DataDirectory, "gateway-process-tls"),
            },
            "--https-url", httpsUrl, "--discovery", "etcd", "--discovery-endpoint", etcd.Endpoint);
        var tenant = await berth.TenantAsync("process");
        var id = await CreateHelloAppAsync(tenant, "proc");
        var domain = $"www.{id}.acme.test";

        await berth.AddDomainAsync(tenant, id, domain);
        var issued = await EventAsync(tenant, id, "certificateIssued");
        using var served = await ServedAsStoredAsync(berth, httpsUrl, domain);

        Assert.Contains(domain, issued);
        Assert.Contains("Pebble", served.Issuer, StringComparison.Ordinal);
        Assert.True(served.MatchesHostname(domain));
    }

    private static Task<BerthTestServer> StartBerthAsync(
        ShortLivedPebble pebble, string gatewayUrl, bool appHosts = false, TimeSpan? checkInterval = null, DiscoveryOptions? discovery = null) => BerthTestServer.StartAsync(configure: options =>
    {
        if (appHosts)
        {
            // Pebble issues for names under a public-looking domain, which its DNS answers with the gateway's address.
            options.BaseDomain = "apps.acme.test";
        }

        options.GatewayUrl = gatewayUrl;
        options.Discovery = discovery ?? options.Discovery;
        options.Gateway.HttpsUrl = "https://127.0.0.1:0";
        options.Acme = new AcmeOptions
        {
            Directory = pebble.Directory,
            DirectoryCaFile = pebble.TlsCertificate,
            AgreeToTerms = true,
            Email = "ops@acme.test",
            AppHosts = appHosts,
            CheckInterval = checkInterval ?? TimeSpan.FromSeconds(1),
            RetryDelay = TimeSpan.FromMinutes(5),
        };
    });

    /// <summary>A second gateway on the server's discovery store, with the installation's key, as <c>berth gateway</c> runs.</summary>
    private static async Task<WebApplication> StartSecondGatewayAsync(BerthTestServer berth)
    {
        var settings = new GatewayOptions
        {
            BaseDomain = berth.Options.BaseDomain,
            HttpsUrl = "https://127.0.0.1:0",
            LocalAuthorityDirectory = Path.Combine(Path.GetTempPath(), "berth-second-" + Guid.NewGuid().ToString("N")),
            SecretKey = Convert.ToBase64String(SecretKey.LoadOrCreate(berth.Options)),
        };
        var gateway = GatewayApp.Build(settings, berth.Server.Services.GetRequiredService<IDiscoveryStore>(), "http://127.0.0.1:0");
        await gateway.StartAsync();
        return gateway;
    }

    /// <summary>
    /// Handshakes until the gateway serves the very certificate the store holds then (the store may renew in between),
    /// and returns it.
    /// </summary>
    private static async Task<X509Certificate2> ServedAsStoredAsync(BerthTestServer berth, string httpsUrl, string domain)
    {
        X509Certificate2? served = null;
        await Poll.TrueAsync(
            async () =>
            {
                served?.Dispose();
                served = await ShortLivedPebble.HandshakeAsync(HttpsEndPoint(httpsUrl), domain);
                using var stored = X509Certificate2.CreateFromPem((await StoredAsync(berth, domain)).Chain);
                return served.RawData.AsSpan().SequenceEqual(stored.RawData);
            },
            TimeSpan.FromSeconds(30),
            $"{httpsUrl} serving the stored certificate of {domain}");
        return served!;
    }

    private static async Task<StoredCertificate> StoredAsync(BerthTestServer berth, string domain) =>
        await berth.Server.Services.GetRequiredService<CertificateStore>().GetAsync(domain, CancellationToken.None)
        ?? throw new InvalidOperationException($"no stored certificate for {domain}");

    /// <summary>Waits for the app's first event of <paramref name="type"/>; returns its message.</summary>
    private static Task<string> EventAsync(HttpClient tenant, string appId, string type) =>
        Poll.GetAsync(
            async () => (await tenant.GetFromJsonAsync<JsonElement[]>($"/v1/apps/{appId}/events", BerthTestServer.Json))!
                .Where(e => e.GetProperty("type").GetString() == type).Select(e => e.GetProperty("message").GetString()).FirstOrDefault(),
            TimeSpan.FromSeconds(90),
            $"a {type} event of {appId}");

    private static IPEndPoint HttpsEndPoint(string httpsUrl) => new(IPAddress.Loopback, new Uri(httpsUrl).Port);

    /// <summary>An ACME-sourced certificate past two thirds of its life, so the leader renews it at once.</summary>
    private static X509Certificate2 DueCertificate(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(10));
    }
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Berth.Gateway.Tests.Support;
using Berth.Gateway.Tls;

namespace Berth.Gateway.Tests.Tls;

/// <summary>
/// The HTTPS listener of a whole gateway (on each transport) with certificates from its local authority: HTTP/2 and
/// HTTP/1.1 over TLS reach the instances with X-Forwarded-Proto https, SNI picks the certificate.
/// </summary>
public abstract class HttpsTests(GatewayTransport transport) : GatewaySuite(transport), IDisposable
{
    private readonly string _authorityDirectory = Path.Combine(Path.GetTempPath(), "berth-tls-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Request_Http2OverTls_ForwardedWithProtoHttps()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);

        using var response = await client.GetAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/headers", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("X-Forwarded-Proto: https\n", body);
        Assert.Contains($"Host: demo.localhost:{gateway.HttpsAddress.Port}\n", body);
        Assert.Contains("X-Forwarded-For: 127.0.0.1\n", body);
    }

    [Fact]
    public async Task Request_Http11OverTls_ForwardedWithProtoHttps()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version11);

        using var response = await client.GetAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/headers", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Contains("X-Forwarded-Proto: https\n", body);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Request_ClientOfOneTlsVersion_TrustedCertificateAndHttp11Answer(SslProtocols protocol)
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        var root = Root();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(HttpsEndPoint(gateway), Ct);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);

        // Only this version offered, as an older (or a strict) client would.
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "demo.localhost",
                EnabledSslProtocols = protocol,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TlsClients.IsTrusted(certificate, chain, errors, root),
            },
            Ct);
        await tls.WriteAsync("GET /headers HTTP/1.1\r\nHost: demo.localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), Ct);
        using var reader = new StreamReader(tls);
        var answer = await reader.ReadToEndAsync(Ct);

        Assert.Equal(protocol, tls.SslProtocol);
        Assert.Equal(SslApplicationProtocol.Http11, tls.NegotiatedApplicationProtocol);
        Assert.True(X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData()).MatchesHostname("demo.localhost"));
        Assert.StartsWith("HTTP/1.1 200 ", answer);
        Assert.Contains("X-Forwarded-Proto: https\n", answer);
    }

    [Fact]
    public async Task Request_PlainHttpBesideHttps_ForwardedWithProtoHttp()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");

        var body = await gateway.GetTextAsync("demo.localhost", "/headers", Ct);

        Assert.Contains("X-Forwarded-Proto: http\n", body);
    }

    [Fact]
    public async Task Request_Http2StreamedBody_EchoedWhole()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);
        var sent = string.Concat(Enumerable.Repeat("0123456789", 10_000));

        // No Content-Length: the gateway sends it chunked, the instance streams it back chunked, the gateway unframes it.
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(sent)));
        using var response = await client.PostAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/echo", content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sent, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Request_Http2ManyStreams_AllAnswered()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one", "two");
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetStringAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/chunked", Ct)));

        Assert.All(answers, a => Assert.Equal("chunk0;chunk1;chunk2;", a));
    }

    [Fact]
    public async Task Request_Http2NoAppsName_404FromGateway()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);

        // The base domain's own certificate serves names no app answers to; the base domain itself is one of them.
        using var response = await client.GetAsync($"https://localhost:{gateway.HttpsAddress!.Port}/", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("No app answers to localhost", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Handshake_TwoAppNames_EachGetsItsOwnCertificate()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("one", Ct, "a");
        await gateway.AddBackendsAsync("two", Ct, "b");

        using var first = await TlsClients.HandshakeAsync(HttpsEndPoint(gateway), "one.localhost", Ct);
        using var second = await TlsClients.HandshakeAsync(HttpsEndPoint(gateway), "two.localhost", Ct);

        Assert.True(first.MatchesHostname("one.localhost"));
        Assert.False(first.MatchesHostname("two.localhost"));
        Assert.True(second.MatchesHostname("two.localhost"));
        Assert.Equal(Root().Subject, first.Issuer);
    }

    [Fact]
    public async Task Request_Http2InstanceRefuses_AnotherInstanceAnswers()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.Registry.RegisterAsync("demo", "v1", "dead", $"127.0.0.1:{GatewayHarness.ClosedPort()}", Ct);
        await gateway.AddBackendAsync("demo", "alive", Ct);
        await gateway.WaitForInstancesAsync("demo", 2, Ct);
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("alive", await client.GetStringAsync($"https://demo.localhost:{gateway.HttpsAddress!.Port}/", Ct));
        }
    }

    [Fact]
    public async Task Request_Http2Head_HeadersWithoutBody()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("demo", Ct, "one");
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);

        using var request = new HttpRequestMessage(HttpMethod.Head, $"https://demo.localhost:{gateway.HttpsAddress!.Port}/");
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("one", response.Headers.GetValues("X-Backend").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Handshake_CustomDomain_GetsACertificateForIt()
    {
        await using var gateway = await StartHttpsGatewayAsync();
        await gateway.AddBackendsAsync("shop", Ct, "one");
        await gateway.PutAsync(Berth.Discovery.Gateway.GatewayKeys.Domain("www.example.com"), "shop", Ct);
        using var client = TlsClients.Http(HttpsEndPoint(gateway), Root(), HttpVersion.Version20);

        using var certificate = await TlsClients.HandshakeAsync(HttpsEndPoint(gateway), "www.example.com", Ct);
        var answer = await client.GetStringAsync($"https://www.example.com:{gateway.HttpsAddress!.Port}/", Ct);

        Assert.True(certificate.MatchesHostname("www.example.com"));
        Assert.Equal("one", answer);
    }

    [Theory]
    [InlineData("unknown.localhost")]
    [InlineData(null)]
    public async Task Handshake_NameNoAppAnswersTo_GetsTheBaseDomainsCertificate(string? serverName)
    {
        await using var gateway = await StartHttpsGatewayAsync();

        using var certificate = await TlsClients.HandshakeAsync(HttpsEndPoint(gateway), serverName, Ct);

        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.False(certificate.MatchesHostname("unknown.localhost"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_authorityDirectory))
        {
            Directory.Delete(_authorityDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static IPEndPoint HttpsEndPoint(GatewayHarness gateway) => new(IPAddress.Loopback, gateway.HttpsAddress!.Port);

    private X509Certificate2 Root() => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_authorityDirectory, LocalAuthority.RootFileName)));

    private Task<GatewayHarness> StartHttpsGatewayAsync() =>
        StartGatewayAsync(new GatewayOptions { HttpsUrl = "https://127.0.0.1:0", LocalAuthorityDirectory = _authorityDirectory });
}

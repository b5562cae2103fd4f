using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Acme.Tests.Support;
using Berth.Discovery.Embedded;
using Berth.Gateway;
using Berth.Gateway.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Acme.Tests;

/// <summary>
/// Certificates from a real Pebble (scripts/start-pebble.sh), its HTTP-01 checks answered by a real gateway on the port
/// Pebble checks, from answers published in discovery. The tests share that port, so they run one after another.
/// </summary>
public sealed class PebbleIssuanceTests : IAsyncLifetime
{
    private readonly EmbeddedDiscoveryStore _store = new();
    private WebApplication _gateway = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RouteTableUpdater Routes => _gateway.Services.GetRequiredService<RouteTableUpdater>();

    public async ValueTask InitializeAsync()
    {
        _gateway = GatewayApp.Build(new GatewayOptions(), _store, $"http://127.0.0.1:{PebbleServer.HttpPort}");
        await _gateway.StartAsync(Ct);
        await Routes.WaitForFirstTableAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.StopAsync(CancellationToken.None);
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task IssueAsync_ChallengeAnsweredByGateway_ChainVerifiesAgainstPebbleRoot()
    {
        var pebble = await PebbleServer.StartAsync(strict: false, Ct);
        var names = new[] { $"app-{Guid.NewGuid():N}.acme.test", $"www-{Guid.NewGuid():N}.acme.test" };
        var responder = new DiscoveryResponder(_store, Routes);

        var chain = await IssueAsync(pebble, names, responder);

        AssertChainVerifies(chain, names, await pebble.RootAsync(Ct));
        Assert.Equal(2, responder.Published.Count);
        Assert.Empty(Routes.Current.AcmeChallenges.Keys.Where(responder.Published.Contains));
    }

    [Fact]
    public async Task IssueAsync_PebbleDefaults_IssuedDespiteRefusedNoncesAndSlowValidation()
    {
        var pebble = await PebbleServer.StartAsync(strict: true, Ct);
        var names = new[] { $"strict-{Guid.NewGuid():N}.acme.test" };

        var chain = await IssueAsync(pebble, names, new DiscoveryResponder(_store, Routes));

        AssertChainVerifies(chain, names, await pebble.RootAsync(Ct));
    }

    [Fact]
    public async Task IssueAsync_NoAnswerPublished_ThrowsWithPebbleProblem()
    {
        var pebble = await PebbleServer.StartAsync(strict: false, Ct);
        var name = $"silent-{Guid.NewGuid():N}.acme.test";

        var error = await Assert.ThrowsAsync<AcmeException>(() => IssueAsync(pebble, [name], new SilentResponder()));

        Assert.NotNull(error.Problem);
        Assert.StartsWith("urn:ietf:params:acme:error:", error.Problem.Type);
        Assert.Contains(name, error.Message);
        Assert.Contains("404", error.Message);
    }

    [Fact]
    public async Task Gateway_ChallengePublished_AnsweredForAnyHostAndWithdrawn()
    {
        var responder = new DiscoveryResponder(_store, Routes);
        using var client = new HttpClient { BaseAddress = new Uri(GatewayApp.HttpUrl(_gateway)) };

        await responder.PublishAsync("tok-1", "tok-1.thumb", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/acme-challenge/tok-1") { Headers = { Host = "any.example" } };
        using var answered = await client.SendAsync(request, Ct);
        var body = await answered.Content.ReadAsStringAsync(Ct);
        await responder.WithdrawAsync("tok-1", Ct);
        await WaitUntilAsync(() => !Routes.Current.HasAcmeChallenges);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/.well-known/acme-challenge/tok-1") { Headers = { Host = "any.example" } };
        using var withdrawn = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("tok-1.thumb", body);
        Assert.Equal(HttpStatusCode.NotFound, withdrawn.StatusCode);
    }

    private static async Task<string> IssueAsync(PebbleServer pebble, IReadOnlyList<string> names, IHttp01Responder responder)
    {
        using var accountKey = AcmeAccountKey.Create();
        var client = new AcmeClient(pebble.Http, pebble.Directory, accountKey, TimeProvider.System);
        await client.RegisterAsync("ops@acme.test", Ct);
        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return await client.IssueAsync(names, certificateKey, responder, Ct);
    }

    private static void AssertChainVerifies(string pem, IReadOnlyList<string> names, X509Certificate2 root)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        var leaf = certificates[0];
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());

        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        var alternativeNames = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Equal(names.Order(), alternativeNames.Order());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5, Ct);
        }
    }
}

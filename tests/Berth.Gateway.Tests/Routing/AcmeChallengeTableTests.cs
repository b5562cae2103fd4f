using Berth.Core.Discovery;
using Berth.Discovery;
using Berth.Discovery.Embedded;
using Berth.Discovery.Gateway;
using Berth.Gateway.Routing;
using Berth.Gateway.Statistics;
using Berth.Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Tests.Routing;

/// <summary>ACME HTTP-01 answers published in discovery reach the route table, and reading them is never required to route.</summary>
public sealed class AcmeChallengeTableTests
{
    private readonly RouteTableBuilder _builder = new(new GatewayStatistics(TimeProvider.System));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Build_ChallengePutThenDeleted_InTableThenGone()
    {
        _builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, GatewayKeys.AcmeChallenge("tok"), "tok.thumb", 1));
        var published = _builder.Build();
        _builder.Apply(new DiscoveryEvent(DiscoveryEventType.Delete, GatewayKeys.AcmeChallenge("tok"), null, 2));
        var withdrawn = _builder.Build();

        Assert.True(published.HasAcmeChallenges);
        Assert.Equal("tok.thumb", published.AcmeChallenges["tok"]);
        Assert.False(withdrawn.HasAcmeChallenges);
    }

    [Fact]
    public void Build_NoChallenge_FlagOff()
    {
        Assert.False(_builder.Build().HasAcmeChallenges);
        Assert.False(RouteTable.Empty.HasAcmeChallenges);
    }

    [Fact]
    public void Build_KeyBelowAToken_Ignored()
    {
        _builder.Apply(new DiscoveryEvent(DiscoveryEventType.Put, GatewayKeys.AcmeChallenge("a/b"), "x", 1));

        Assert.False(_builder.Build().HasAcmeChallenges);
    }

    [Fact]
    public async Task Current_ChallengesDenied_HealthyAndRouting()
    {
        var inner = new EmbeddedDiscoveryStore();
        await new ServiceRegistry(inner).RegisterAsync("demo", "v1", "a", "10.0.0.1:80", Ct);
        using var updater = new RouteTableUpdater(
            new DenyingDiscoveryStore(inner, GatewayKeys.AcmeChallengeRoot),
            new GatewayStatistics(TimeProvider.System),
            Options.Create(new GatewayOptions { WatchRetryDelay = TimeSpan.FromMilliseconds(20) }),
            TimeProvider.System,
            NullLogger<RouteTableUpdater>.Instance);

        await updater.StartAsync(Ct);
        await updater.WaitForFirstTableAsync(Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(updater.Current.TryGetRoute("demo", out _));
        Assert.False(updater.Current.BlacklistUnreadable);
        Assert.Empty(updater.UnreadableSettings);
        await updater.StopAsync(Ct);
    }
}

namespace Berth.Gateway.Tests.Support;

/// <summary>
/// A suite of gateway tests that runs once per transport: the proxy must behave the same over the gateway's epoll
/// loops and over Kestrel's sockets. Each transport has a small derived class (in Transport/) naming it, so the
/// transport shows in every test's name.
/// </summary>
public abstract class GatewaySuite(GatewayTransport transport)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The transport under both sides of the proxy in this suite.</summary>
    protected GatewayTransport Transport => transport;

    /// <summary>A gateway on this suite's transport, with <paramref name="options"/>' other settings.</summary>
    private protected Task<GatewayHarness> StartGatewayAsync(GatewayOptions? options = null)
    {
        var chosen = new GatewayOptions();
        if (options is not null)
        {
            chosen.CopyFrom(options);
        }

        chosen.Transport = transport;
        return GatewayHarness.StartAsync(Ct, chosen);
    }
}

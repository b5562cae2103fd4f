using Berth.Core.Discovery;
using Berth.Discovery.Gateway;
using Berth.Gateway.Routing;

namespace Berth.Acme.Tests.Support;

/// <summary>Publishes HTTP-01 answers where gateways read them, and returns once the gateway under test serves them.</summary>
internal sealed class DiscoveryResponder(IDiscoveryStore store, RouteTableUpdater gateway) : IHttp01Responder
{
    public List<string> Published { get; } = [];

    public async Task PublishAsync(string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        await store.PutAsync(GatewayKeys.AcmeChallenge(token), keyAuthorization, cancellationToken);
        Published.Add(token);
        while (!gateway.Current.AcmeChallenges.ContainsKey(token))
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public Task WithdrawAsync(string token, CancellationToken cancellationToken) =>
        store.DeleteAsync(GatewayKeys.AcmeChallenge(token), cancellationToken);
}

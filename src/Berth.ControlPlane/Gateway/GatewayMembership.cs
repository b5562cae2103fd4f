using Berth.Core.Discovery;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Gateway;

/// <summary>
/// Registers a running gateway under <c>/caas/members/gateway/{id}</c> with its admin base URL, so the control plane
/// can collect its statistics; disposing withdraws it. A plain key for now: a gateway that dies leaves its record until
/// the next start of the same id (leases replace this where the discovery backend has them).
/// </summary>
public sealed class GatewayMembership : IAsyncDisposable
{
    private readonly IDiscoveryStore _discovery;
    private readonly string _key;

    private GatewayMembership(IDiscoveryStore discovery, string key) => (_discovery, _key) = (discovery, key);

    /// <summary>Writes the member record of gateway <paramref name="id"/> answering on <paramref name="adminUrl"/>.</summary>
    public static async Task<GatewayMembership> RegisterAsync(IDiscoveryStore discovery, string id, string adminUrl, CancellationToken cancellationToken)
    {
        var key = GatewayKeys.Member(id);
        await discovery.PutAsync(key, adminUrl, cancellationToken);
        return new GatewayMembership(discovery, key);
    }

    public async ValueTask DisposeAsync() => await _discovery.DeleteAsync(_key, CancellationToken.None);
}

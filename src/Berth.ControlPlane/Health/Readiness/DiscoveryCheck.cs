using Berth.Core.Discovery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Berth.ControlPlane.Health.Readiness;

/// <summary>
/// Discovery serves a read: instances can be registered and gateways told. etcd answers reads only with a quorum, so a
/// member cut off from its peers reads as unready too.
/// </summary>
internal sealed class DiscoveryCheck(IDiscoveryStore discovery) : IHealthCheck
{
    // A small subtree every installation has (the base domain and gateway settings live there).
    private const string ProbePrefix = "/caas/settings/";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await discovery.GetPrefixAsync(ProbePrefix, cancellationToken);
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("does not answer", e);
        }
    }
}

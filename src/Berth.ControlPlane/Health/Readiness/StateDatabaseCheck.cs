using Berth.Core.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health.Readiness;

/// <summary>The state database answers a read: without it no deploy, scale or API write can be served.</summary>
internal sealed class StateDatabaseCheck(IStateStore store, IOptions<BerthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // One row by its key: the cheapest read every provider serves from its own tables.
            await store.GetHostAsync(options.Value.LocalHostName, cancellationToken);
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("does not answer", e);
        }
    }
}

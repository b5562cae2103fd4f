using Berth.Core.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Health.Readiness;

/// <summary>
/// The engine this server runs beside answers its ping. Remote hosts are not asked: one host down is the host monitor's
/// business (it marks the host down and moves its instances), not a reason to take this control plane out of service.
/// </summary>
internal sealed class LocalEngineCheck(IContainerRuntimeFactory runtimes, IOptions<BerthOptions> options) : IHealthCheck
{
    private static readonly TimeSpan PingLimit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await EnginePing.AnswersAsync(runtimes.Get(options.Value.LocalEngine), PingLimit, cancellationToken)
            ? HealthCheckResult.Healthy("answers")
            : HealthCheckResult.Unhealthy($"did not answer within {PingLimit.TotalSeconds:0} s");
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Berth.ControlPlane.Health.Readiness;

/// <summary>
/// <c>/healthz</c> says the process is alive (a liveness probe restarts it when not); <c>/readyz</c> says it can serve:
/// the state database, discovery and the local engine answer (a readiness probe takes it out of rotation when not).
/// Both open, as probes carry no token; neither tells more than which part is missing.
/// </summary>
internal static class ReadinessEndpoints
{
    // Each check has its own limit, so one part that hangs (a cut-off database host) does not hold up the answer.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddBerthReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StateDatabaseCheck>("state", timeout: CheckTimeout)
            .AddCheck<DiscoveryCheck>("discovery", timeout: CheckTimeout)
            .AddCheck<LocalEngineCheck>("engine", timeout: CheckTimeout);
        return services;
    }

    public static WebApplication MapBerthHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health");
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            ResponseWriter = ReadinessResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}

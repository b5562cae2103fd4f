using Berth.ControlPlane.Apis;
using Berth.ControlPlane.Health.Readiness;
using Berth.ControlPlane.Projects;
using Berth.ControlPlane.Scaling;
using Berth.ControlPlane.Security;
using Microsoft.AspNetCore.Builder;

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// The HTTP pipeline of the API: problem details for every error, bearer auth on all of <c>/v1</c>; the OpenAPI document
/// at <c>/openapi/v1.json</c> is open, as the API's shape is no secret.
/// </summary>
public static class ApiEndpoints
{
    public static WebApplication MapBerthApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBerthRequestGuards();
        app.UseAuthentication();
        app.UseBerthAudit();
        app.UseAuthorization();

        app.MapBerthHealth();
        app.MapOpenApi();
        app.MapBerthMetrics();
        app.MapGroup("/v1")
            .RequireAuthorization()
            .RequireOwnedApps()
            .RequireOwnedServices()
            .MapTenantsApi()
            .MapQuotasApi()
            .MapMeApi()
            .MapAppsApi()
            .MapVersionsApi()
            .MapDeploymentsApi()
            .MapAutoscaleApi()
            .MapInstancesApi()
            .MapConfigApi()
            .MapHostsApi()
            .MapGatewayApis()
            .MapTokensApi()
            .MapBaseImagesApi()
            .MapAuditApi()
            .MapEventsApi()
            .MapLogsApi()
            .MapClusterApi()
            .MapProjectsApi()
            .MapServicesApi();
        app.MapRegistryTokenApi();
        return app;
    }
}

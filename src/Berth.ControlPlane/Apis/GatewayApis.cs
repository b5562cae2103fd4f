using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>Everything tenants and the admin set on the gateway, and the traffic it reports.</summary>
internal static class GatewayApis
{
    public static RouteGroupBuilder MapGatewayApis(this RouteGroupBuilder v1) =>
        v1.MapDomainsApi().MapCertificatesApi().MapWildcardCertificateApi().MapTrafficApi().MapHttpsApi().MapBlacklistApi().MapStatsApi();
}

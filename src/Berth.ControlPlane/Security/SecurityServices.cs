using Berth.Contracts;
using Berth.ControlPlane.Security.ApiTokens;
using Berth.ControlPlane.Security.Audit;
using Berth.ControlPlane.Security.Domains;
using Berth.ControlPlane.Security.Limits;
using Berth.ControlPlane.Security.Quotas;
using Berth.ControlPlane.Security.Relay;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.State;
using Berth.Runtime.Docker;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security;

/// <summary>Registers and wires tokens, limits, the audit log and the registry token server.</summary>
internal static class SecurityServices
{
    /// <summary>
    /// Registers the security services. The registry signing key is read here, so a missing or bad key stops
    /// the start with a reason rather than the first pull.
    /// </summary>
    public static IServiceCollection AddBerthSecurity(this IServiceCollection services, BerthOptions options)
    {
        var signingKey = options.RegistrySigningKey is { } path ? RegistrySigningKey.Load(path) : null;
        // The security tables live in the state store's database; any SQL store implements both.
        services.AddSingleton(sp => (ISecurityStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<AnonymousAuditBudget>();
        services.AddSingleton<TenantWaits>();
        services.AddSingleton(sp => (ITenantQuotaStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<TenantQuotas>();
        services.AddSingleton<ITxtRecords, DnsTxtRecords>();
        services.AddSingleton<DomainVerifier>();
        // Shared with the dashboard when the host composes one in; its calls carry the key (DashboardRelayMiddleware).
        services.TryAddSingleton<DashboardRelay>();
        services.AddSingleton(ApiNetworkSettings.From(options));
        services.AddSingleton(sp => new RegistryTokenIssuer(signingKey, sp.GetRequiredService<IOptions<BerthOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RegistryAccessPolicy>();
        services.AddSingleton<AppImagePolicy>();
        services.AddSingleton<IRegistryCredentialsProvider, ControlPlaneRegistryCredentials>();
        services.AddSingleton<IAuthorizationHandler, WritableScopeRequirement>();
        services.Configure<AuthorizationOptions>(authorization => authorization.DefaultPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new WritableScopeRequirement())
            .Build());
        services.Configure<KestrelServerOptions>(RequestLimits.Apply);
        return services;
    }

    /// <summary>
    /// The guards that run before authentication: the Host header and the client behind a trusted proxy, the
    /// browser behind a dashboard call, body size, the failed-authentication limit.
    /// </summary>
    public static IApplicationBuilder UseBerthRequestGuards(this IApplicationBuilder app) =>
        app.UseMiddleware<ApiNetworkMiddleware>().UseMiddleware<DashboardRelayMiddleware>().UseMiddleware<RequestGuardMiddleware>();

    /// <summary>The audit log; after authentication, so it knows who called.</summary>
    public static IApplicationBuilder UseBerthAudit(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}

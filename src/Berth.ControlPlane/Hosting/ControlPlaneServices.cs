using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Certificates;
using Berth.ControlPlane.Deployments;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Gateway;
using Berth.ControlPlane.Health.Readiness;
using Berth.ControlPlane.Projects;
using Berth.ControlPlane.Provisioning;
using Berth.ControlPlane.Reconciliation;
using Berth.ControlPlane.Scaling;
using Berth.ControlPlane.Security;
using Berth.ControlPlane.Services;
using Berth.Core.State;
using Berth.Discovery;
using Berth.Discovery.Config;
using Berth.Discovery.Gateway;
using Berth.Discovery.Selection;
using Berth.Runtime.Docker;
using Berth.State;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.ControlPlane.Hosting;

/// <summary>Registers everything the control plane needs.</summary>
public static class ControlPlaneServices
{
    public static IServiceCollection AddBerthControlPlane(this IServiceCollection services, BerthOptions options, DiscoveryBackend discovery)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        services.AddStateStore(options.DatabasePath);
        services.AddDockerRuntime();
        services.AddSingleton(discovery.Store);
        services.AddSingleton(discovery.Leases);
        services.AddSingleton(discovery.Election);
        services.AddSingleton<ServiceRegistry>();
        services.AddSingleton(new SecretProtector(SecretKey.LoadOrCreate(options)));
        services.AddSingleton<ConfigStore>();
        services.AddBerthExecution();
        services.AddSingleton<GatewayTraffic>();
        services.AddSingleton<DeploymentRunner>();
        services.AddSingleton<DeploymentCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<DeploymentCoordinator>());
        services.AddSingleton<AppLifecycle>();
        services.AddProjects();
        services.AddSingleton<HostChanges>();
        services.AddSingleton(sp => (IGatewaySettingsStore)sp.GetRequiredService<IStateStore>());
        services.AddSingleton<GatewaySettingsPublisher>();
        services.AddSingleton<GatewaySettingsRepublisher>();
        services.AddHttpClient<GatewayStatsCollector>(http => http.Timeout = TimeSpan.FromSeconds(3));
        services.AddHttpClient<Security.Registry.RegistryTags>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddBerthSecurity(options);
        services.AddBerthSelfHealing(new ControlPlaneScope(Alone: discovery.IsLocal));
        services.AddBerthServices();
        services.AddBerthScaling();
        services.AddBerthProvisioning();
        services.AddBerthCertificates(options);
        services.AddBerthReadiness();

        services.AddProblemDetails();
        services.AddExceptionHandler<StateUnavailableHandler>();
        // The API described at /openapi/v1.json from its endpoints and Berth.Contracts; a test keeps a checked-in copy.
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            // Named for Berth, not for whichever executable hosts the API (berth, a test), so the document is the same everywhere.
            document.Info = new OpenApiInfo { Title = "Berth", Version = "v1" };
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            json.SerializerOptions.MaxDepth = Security.Limits.RequestLimits.MaxJsonDepth;
        });
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Caller.AdminRole));
        return services;
    }
}

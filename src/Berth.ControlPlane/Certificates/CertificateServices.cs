using Berth.ControlPlane.Reconciliation;
using Berth.Discovery.Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Certificates;

/// <summary>Registers the certificate store and, with an ACME directory configured, the leader's issuer.</summary>
internal static class CertificateServices
{
    public static IServiceCollection AddBerthCertificates(this IServiceCollection services, BerthOptions options)
    {
        if (options.Acme.Problem() is { } problem)
        {
            throw new OptionsValidationException(BerthOptions.Section, typeof(BerthOptions), [problem]);
        }

        services.AddSingleton<CertificateStore>();
        services.AddSingleton<AcmeAccount>();
        services.AddSingleton<AcmeHttp>();
        services.AddSingleton(sp => new GatewayChallengeResponder(
            sp.GetRequiredService<Core.Discovery.IDiscoveryStore>(), new HttpClient { Timeout = TimeSpan.FromSeconds(2) }, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CertificateIssuer>();
        if (options.Acme.Enabled)
        {
            services.AddSingleton<ILeaderWork>(sp => sp.GetRequiredService<CertificateIssuer>());
        }

        return services;
    }
}

using Berth.Core.Apps;
using Berth.ControlPlane.Security.Domains;
using Berth.Core.State;
using Berth.Discovery.Gateway;
using Berth.Projects.Compose;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// What the gateway does for a service: its <c>x-berth.domains</c>, and for a service that publishes no port a
/// blacklist of every address, so the gateway refuses it (403) while the project's other services reach it directly.
/// </summary>
internal sealed class ServiceGateway(IGatewaySettingsStore settings, GatewaySettingsPublisher publisher, DomainVerifier verifier)
{
    /// <summary>Every client address, IPv4 and IPv6.</summary>
    public static readonly IReadOnlyList<string> Everyone = ["0.0.0.0/0", "::/0"];

    /// <summary>
    /// Makes the app's domains and blacklist those of the service. A new domain is claimed, as <c>berth domains add</c>
    /// does: it routes once its owner proves it (<c>berth domains verify</c>).
    /// </summary>
    public async Task ApplyAsync(App app, ComposeService service, CancellationToken cancellationToken)
    {
        var blacklist = service.Published ? [] : Everyone;
        await settings.SetBlacklistAsync(app.Id, blacklist, cancellationToken);
        await publisher.PublishBlacklistAsync(app.Id, blacklist, cancellationToken);

        var proven = (await settings.ListDomainsAsync(app.Id, cancellationToken)).Select(d => d.Domain).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var claimed = (await settings.ListDomainClaimsAsync(app.Id, cancellationToken)).Select(c => c.Domain).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wanted = service.Berth.Domains.Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var domain in wanted.Except(proven).Except(claimed))
        {
            await settings.ClaimDomainAsync(verifier.NewClaim(domain, app.Id), cancellationToken);
        }

        foreach (var domain in proven.Except(wanted))
        {
            await settings.RemoveDomainAsync(app.Id, domain, cancellationToken);
            await publisher.UnpublishDomainAsync(domain, cancellationToken);
        }

        foreach (var domain in claimed.Except(wanted))
        {
            await settings.RemoveDomainAsync(app.Id, domain, cancellationToken);
        }
    }

    /// <summary>Drops the app's blacklist; its domains go with the app's delete.</summary>
    public async Task RemoveAsync(App app, CancellationToken cancellationToken)
    {
        await settings.SetBlacklistAsync(app.Id, [], cancellationToken);
        await publisher.PublishBlacklistAsync(app.Id, [], cancellationToken);
    }
}

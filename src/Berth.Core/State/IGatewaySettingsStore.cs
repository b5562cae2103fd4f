using Berth.Core.Gateway;

namespace Berth.Core.State;

/// <summary>
/// The gateway settings tenants and the admin choose: custom domains, traffic policies, HTTPS policies and blacklists. The store is
/// their source of truth; the control plane publishes them to discovery, where gateways read them. Rows of an app go
/// with the app when it is deleted.
/// </summary>
public interface IGatewaySettingsStore
{
    /// <summary>Maps a domain to an app. Throws <see cref="ConflictException"/> when any app holds the domain already.</summary>
    Task AddDomainAsync(CustomDomain domain, CancellationToken cancellationToken);

    /// <summary>Records the app's claim to a domain, or returns the claim it has already (same token).</summary>
    Task<DomainClaim> ClaimDomainAsync(DomainClaim claim, CancellationToken cancellationToken);

    /// <summary>The app's claims, or every app's (null), ordered by domain.</summary>
    Task<IReadOnlyList<DomainClaim>> ListDomainClaimsAsync(string? appId, CancellationToken cancellationToken);

    /// <summary>
    /// Maps a proven claim's domain to its app and drops every claim to that domain, in one transaction. Throws
    /// <see cref="ConflictException"/> when another app proved it first.
    /// </summary>
    Task<CustomDomain> VerifyDomainAsync(DomainClaim claim, DateTimeOffset verifiedAt, CancellationToken cancellationToken);

    /// <summary>Unmaps the app's domain or drops its claim; false when the app had neither.</summary>
    Task<bool> RemoveDomainAsync(string appId, string domain, CancellationToken cancellationToken);

    /// <summary>The app's domains, or every app's (null), ordered by domain.</summary>
    Task<IReadOnlyList<CustomDomain>> ListDomainsAsync(string? appId, CancellationToken cancellationToken);

    /// <summary>The app's traffic policy; null when none is set.</summary>
    Task<TrafficPolicy?> GetTrafficAsync(string appId, CancellationToken cancellationToken);

    /// <summary>Every app's traffic policy, by app id.</summary>
    Task<IReadOnlyDictionary<string, TrafficPolicy>> ListTrafficAsync(CancellationToken cancellationToken);

    /// <summary>Sets the app's traffic policy, or clears it (null).</summary>
    Task SetTrafficAsync(string appId, TrafficPolicy? policy, CancellationToken cancellationToken);

    /// <summary>The app's HTTPS policy (redirect, HSTS); null when none is set.</summary>
    Task<HttpsPolicy?> GetHttpsAsync(string appId, CancellationToken cancellationToken);

    /// <summary>Every app's HTTPS policy, by app id.</summary>
    Task<IReadOnlyDictionary<string, HttpsPolicy>> ListHttpsAsync(CancellationToken cancellationToken);

    /// <summary>Sets the app's HTTPS policy, or clears it (null). Throws <see cref="KeyNotFoundException"/> for an unknown app.</summary>
    Task SetHttpsAsync(string appId, HttpsPolicy? policy, CancellationToken cancellationToken);

    /// <summary>The blacklist of an app, or the global one (null); empty when none is set.</summary>
    Task<IReadOnlyList<string>> GetBlacklistAsync(string? appId, CancellationToken cancellationToken);

    /// <summary>Replaces the blacklist of an app, or the global one (null); an empty list clears it.</summary>
    Task SetBlacklistAsync(string? appId, IReadOnlyList<string> entries, CancellationToken cancellationToken);

    /// <summary>Every non-empty blacklist, the global one included.</summary>
    Task<IReadOnlyList<AppBlacklist>> ListBlacklistsAsync(CancellationToken cancellationToken);
}

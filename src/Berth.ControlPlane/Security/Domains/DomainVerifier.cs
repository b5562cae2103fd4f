using System.Security.Cryptography;
using Berth.Core.Gateway;
using Berth.Core.State;
using Berth.Discovery.Gateway;

namespace Berth.ControlPlane.Security.Domains;

/// <summary>
/// Proof of a custom domain's owner: a TXT record <c>_berth.{domain}</c> holding the token of the app's claim. Only
/// a proven domain is published to the gateways, so a tenant cannot take traffic for a name it does not control.
/// </summary>
internal sealed class DomainVerifier(IGatewaySettingsStore settings, GatewaySettingsPublisher publisher, ITxtRecords txt, TimeProvider time)
{
    /// <summary>The TXT record name that proves <paramref name="domain"/>.</summary>
    public static string RecordName(string domain) => $"_berth.{domain}";

    /// <summary>A new claim with a fresh unguessable token.</summary>
    public DomainClaim NewClaim(string domain, string appId) =>
        new(domain, appId, "berth-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), time.GetUtcNow());

    /// <summary>
    /// Looks the claim's record up and, when it holds the token, maps the domain to the app and publishes it; null
    /// with the reason when the record is missing or holds something else. <see cref="ConflictException"/> when
    /// another app proved the domain first.
    /// </summary>
    public async Task<(CustomDomain? Domain, string Reason)> TryVerifyAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        var name = RecordName(claim.Domain);
        IReadOnlyList<string> found;
        try
        {
            found = await txt.LookupAsync(name, cancellationToken);
        }
        catch (Exception e) when (e is DnsClient.DnsResponseException or System.Net.Sockets.SocketException)
        {
            return (null, $"the TXT lookup of {name} failed ({e.Message}); try again");
        }

        if (!found.Contains(claim.Token, StringComparer.Ordinal))
        {
            return (null, found.Count == 0
                ? $"no TXT record {name} was found; add one with the value {claim.Token}"
                : $"the TXT record {name} does not hold {claim.Token} (it holds {string.Join(", ", found.Select(f => $"'{f}'"))})");
        }

        var domain = await settings.VerifyDomainAsync(claim, time.GetUtcNow(), cancellationToken);
        await publisher.PublishDomainAsync(domain.Domain, domain.AppId, cancellationToken);
        return (domain, "");
    }
}

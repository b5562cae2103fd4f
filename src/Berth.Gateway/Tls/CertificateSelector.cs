using System.Collections.Concurrent;
using System.Net.Security;
using Berth.Gateway.Routing;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Tls;

/// <summary>
/// Picks the certificate for a handshake by its SNI name: one the certificate store holds for that name (or a wildcard
/// of its parent) first, shared by every gateway; otherwise, from the local authority, names the route table knows (app hosts under the base
/// domain, custom domains) get a certificate of their own, issued on first need and replaced after two thirds of its
/// lifetime; any other name, and a handshake without one, gets the base domain's. Only known names are issued for, so
/// a client making up names cannot make the gateway sign without end. A known name without a stored certificate is
/// also asked of the leader (<see cref="CertificateRequests"/>), which issues it over ACME when configured.
/// </summary>
internal sealed class CertificateSelector(
    RouteTableUpdater routes, StoredCertificates stored, CertificateRequests requests, LocalAuthority authority, IOptions<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ServedCertificate> _served = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _baseDomain = options.Value.BaseDomain;
    private readonly string _domainSuffix = "." + options.Value.BaseDomain;

    /// <summary>The settings for a handshake that asked for <paramref name="serverName"/> (null or empty without SNI).</summary>
    public SslServerAuthenticationOptions Select(string? serverName)
    {
        if (!string.IsNullOrEmpty(serverName) && stored.Find(serverName) is { } fromStore)
        {
            return fromStore.Options;
        }

        var known = !string.IsNullOrEmpty(serverName) && routes.Current.Resolve(serverName, _domainSuffix) is not null;
        if (known && stored.Serving)
        {
            requests.Ask(serverName!);
        }

        var name = known ? serverName! : _baseDomain;
        if (!_served.TryGetValue(name, out var served) || time.GetUtcNow() >= served.RenewAt)
        {
            served = Issue(name.ToLowerInvariant());
            _served[name] = served;
        }

        return served.Options;
    }

    private ServedCertificate Issue(string name)
    {
        var certificate = authority.Issue(name);
        return new ServedCertificate(certificate, TlsSettings.For(certificate), TlsSettings.RenewAt(certificate));
    }
}

namespace Berth.Core.Gateway;

/// <summary>
/// What the gateway does about HTTPS for an app: send plain-HTTP requests to HTTPS (308, ACME challenges excepted)
/// and tell browsers to use HTTPS only (<c>Strict-Transport-Security</c> on answers over TLS).
/// </summary>
public sealed record HttpsPolicy
{
    /// <summary>The longest HSTS max-age accepted: two years, what browsers' preload lists ask for.</summary>
    public const int MaxHstsMaxAge = 63_072_000;

    /// <summary>Plain-HTTP requests get a 308 to the same URL over HTTPS.</summary>
    public bool Redirect { get; init; }

    /// <summary>The HSTS max-age in seconds; 0 sends no <c>Strict-Transport-Security</c>.</summary>
    public int HstsMaxAge { get; init; }

    /// <summary>The HSTS header covers subdomains too (<c>includeSubDomains</c>).</summary>
    public bool HstsIncludeSubdomains { get; init; }

    /// <summary>The <c>Strict-Transport-Security</c> value; null when HSTS is off. A method, so it is no JSON field.</summary>
    public string? StrictTransportSecurity() => HstsMaxAge <= 0 ? null
        : HstsIncludeSubdomains ? $"max-age={HstsMaxAge}; includeSubDomains" : $"max-age={HstsMaxAge}";
}

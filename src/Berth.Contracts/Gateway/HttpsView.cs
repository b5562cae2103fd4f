namespace Berth.Contracts;

/// <summary>
/// An app's HTTPS policy: plain-HTTP requests redirected to HTTPS (308, ACME challenges excepted) and the
/// Strict-Transport-Security the gateway adds to answers over TLS (<see cref="HstsMaxAge"/> 0: none).
/// </summary>
public sealed record HttpsView(bool HttpsRedirect, int HstsMaxAge, bool HstsIncludeSubdomains);

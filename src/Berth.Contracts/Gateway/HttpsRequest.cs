namespace Berth.Contracts;

/// <summary>
/// The body of <c>PUT /v1/apps/{id}/https</c>; it replaces the whole policy, a field left out is off.
/// <see cref="HstsMaxAge"/> is in seconds (0 or left out: no HSTS).
/// </summary>
public sealed record HttpsRequest(bool? HttpsRedirect, int? HstsMaxAge, bool? HstsIncludeSubdomains);

namespace Berth.Gateway.Admin;

/// <summary>
/// The body of <c>/_berth/health</c>: <see cref="Status"/> is <c>ok</c>, <c>stale</c> (discovery unreachable, serving
/// the last table) or <c>starting</c>.
/// </summary>
public sealed record GatewayHealth(string Status, int Routes, int Domains, bool Stale, long Revision, string? LastError);

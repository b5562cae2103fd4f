namespace Berth.Gateway.Admin;

/// <summary>
/// The body of <c>/_berth/health</c>: <see cref="Status"/> is <c>ok</c>, <c>stale</c> (discovery unreachable, serving
/// the last table), <c>denied</c> (discovery refuses to let the gateway read <see cref="UnreadableSettings"/>) or
/// <c>starting</c>.
/// </summary>
internal sealed record GatewayHealth(
    string Status, int Routes, int Domains, bool Stale, long Revision, string? LastError, IReadOnlyList<string> UnreadableSettings);

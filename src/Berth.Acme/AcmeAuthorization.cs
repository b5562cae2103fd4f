namespace Berth.Acme;

/// <summary>An authorization (RFC 8555 §7.1.4): proof of control over one identifier, by one of its challenges.</summary>
internal sealed record AcmeAuthorization(string Status, AcmeIdentifier Identifier, IReadOnlyList<AcmeChallenge> Challenges);

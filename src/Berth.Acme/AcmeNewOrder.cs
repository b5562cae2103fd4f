namespace Berth.Acme;

/// <summary>The newOrder payload (RFC 8555 §7.4).</summary>
internal sealed record AcmeNewOrder(IReadOnlyList<AcmeIdentifier> Identifiers);

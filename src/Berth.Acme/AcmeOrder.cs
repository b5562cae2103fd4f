namespace Berth.Acme;

/// <summary>An order (RFC 8555 §7.1.3): pending → ready (authorizations valid) → processing → valid (certificate), or invalid.</summary>
internal sealed record AcmeOrder(string Status, IReadOnlyList<AcmeIdentifier> Identifiers, IReadOnlyList<Uri> Authorizations, Uri Finalize, Uri? Certificate, AcmeProblem? Error);

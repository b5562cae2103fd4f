namespace Berth.Acme;

/// <summary>The newAccount payload (RFC 8555 §7.3).</summary>
internal sealed record AcmeNewAccount(bool TermsOfServiceAgreed, IReadOnlyList<string>? Contact);

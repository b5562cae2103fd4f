namespace Berth.Acme;

/// <summary>One challenge of an authorization (RFC 8555 §7.1.5); <see cref="Error"/> says why a failed one failed.</summary>
internal sealed record AcmeChallenge(string Type, Uri Url, string Status, string? Token, AcmeProblem? Error);

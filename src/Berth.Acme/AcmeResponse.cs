namespace Berth.Acme;

/// <summary>A successful answer: its body, its <c>Location</c> and how long it asked to wait before polling again.</summary>
internal readonly record struct AcmeResponse(byte[] Body, Uri? Location, TimeSpan? RetryAfter);

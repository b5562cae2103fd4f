namespace Berth.Gateway.Tests.Http.Reference;

/// <summary>What the reference parser read from a request head it accepts.</summary>
internal sealed record StrictHead(bool IsHttp11, string? Host, long ContentLength, bool Chunked);

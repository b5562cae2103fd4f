namespace Berth.Client;

/// <summary>An RFC 7807 error body.</summary>
internal sealed record ProblemDetails(string? Type, string? Title, int? Status, string? Detail);

namespace Berth.Dashboard.Api;

/// <summary>The RFC 7807 body the API answers errors with.</summary>
internal sealed record ProblemBody(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);

namespace Berth.Contracts;

/// <summary>The body of <c>POST /v1/apps/{id}/domains</c>.</summary>
public sealed record AddDomainRequest(string? Domain);

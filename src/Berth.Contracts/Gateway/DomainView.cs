namespace Berth.Contracts;

/// <summary>A custom domain; <see cref="Target"/> is the name to point it at by CNAME.</summary>
public sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt);

namespace Berth.Client.Dtos;

/// <summary>The body of <c>POST /v1/apps/{id}/domains</c>.</summary>
internal sealed record AddDomainRequest(string Domain);

/// <summary>A custom domain; <see cref="Target"/> is the name to point it at by CNAME; a pending one routes once <see cref="Verification"/> is in DNS.</summary>
internal sealed record DomainView(string Domain, string AppId, string Target, DateTimeOffset CreatedAt, string Status, DomainVerificationView? Verification);

/// <summary>The DNS record that proves a domain's owner.</summary>
internal sealed record DomainVerificationView(string Type, string Name, string Value);

/// <summary>An app's traffic split (empty: the active version takes everything) and balancing policy.</summary>
internal sealed record TrafficView(IReadOnlyDictionary<string, int> Weights, string Balancing, string? ActiveVersion);

/// <summary>The body of the blacklist PUTs: IP addresses and CIDR ranges.</summary>
internal sealed record BlacklistRequest(IReadOnlyList<string> Entries);

/// <summary>A blacklist; <see cref="AppId"/> is null for the global one.</summary>
internal sealed record BlacklistView(string? AppId, IReadOnlyList<string> Entries);

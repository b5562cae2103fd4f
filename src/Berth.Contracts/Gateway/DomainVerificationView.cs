namespace Berth.Contracts;

/// <summary>The DNS record that proves a domain's owner: a TXT record <see cref="Name"/> holding <see cref="Value"/>.</summary>
public sealed record DomainVerificationView(string Type, string Name, string Value);

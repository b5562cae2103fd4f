namespace Berth.Dashboard.Api.Models;

/// <summary>The TXT record that proves a domain's owner.</summary>
public sealed record DomainVerificationView(string Type, string Name, string Value);

namespace Berth.Dashboard.Api.Models;

/// <summary>A new tenant with its first token: the only time that token is shown.</summary>
public sealed record CreatedTenant(string Name, string Token, string TokenId);

namespace Berth.Contracts;

/// <summary>The caller: its tenant, whether it is the admin, whether its token is read-only, and the token's id.</summary>
public sealed record MeView(string Tenant, bool Admin, bool ReadOnly, string? TokenId);

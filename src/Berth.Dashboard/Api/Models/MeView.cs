namespace Berth.Dashboard.Api.Models;

/// <summary>Who a token belongs to (<c>GET /v1/me</c>).</summary>
public sealed record MeView(string Tenant, bool Admin, bool ReadOnly);

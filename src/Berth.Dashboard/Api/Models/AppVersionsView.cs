namespace Berth.Dashboard.Api.Models;

/// <summary>The versions of an app in the registry, newest first (<c>GET /v1/apps/{id}/versions</c>).</summary>
public sealed record AppVersionsView(string AppId, string? ActiveVersion, IReadOnlyList<AppVersionView> Versions);

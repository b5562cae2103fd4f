namespace Berth.Dashboard.Api.Models;

/// <summary>One version in the registry; <see cref="Active"/> serves now, <see cref="Previous"/> is where a rollback goes.</summary>
public sealed record AppVersionView(string Version, bool Active, bool Previous);

namespace Berth.Contracts;

/// <summary>
/// A version of an app found in the registry: whether it serves now (<see cref="Active"/>) and whether it is what a
/// rollback goes back to (<see cref="Previous"/>).
/// </summary>
public sealed record AppVersionView(string Version, bool Active, bool Previous);

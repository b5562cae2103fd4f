namespace Berth.Contracts;

/// <summary>
/// The versions of an app that can be deployed: the tags of its repository in Berth's registry, newest first, with the
/// active version marked.
/// </summary>
public sealed record AppVersionsView(string AppId, string Repository, string? ActiveVersion, IReadOnlyList<AppVersionView> Versions);

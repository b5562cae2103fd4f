using Berth.Core.Apps;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// The image an app version runs: <c>{registry}/{app image or id}:{version}</c>; a project service runs its file's
/// tag whatever the version, since its versions are revisions of its definition.
/// </summary>
internal static class ImageReference
{
    public static string For(string registry, App app, string version) => $"{registry}/{app.Image ?? app.Id}:{app.Project?.ImageTag ?? version}";
}

using Berth.Core.Apps;

namespace Berth.ControlPlane.Execution;

/// <summary>The image an app version runs: <c>{registry}/{app image or id}:{version}</c>.</summary>
public static class ImageReference
{
    public static string For(string registry, App app, string version) => $"{registry}/{app.Image ?? app.Id}:{version}";
}

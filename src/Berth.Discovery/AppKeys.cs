namespace Berth.Discovery;

/// <summary>
/// App markers: the control plane writes <c>/caas/apps/{appId}</c> (value: the tenant) when an app is created and
/// deletes it when the app is deleted, so the gateway can tell a known app with no instance (503) from an unknown host (404).
/// </summary>
public static class AppKeys
{
    /// <summary>The prefix of every app marker, trailing slash included.</summary>
    public const string Root = "/caas/apps/";

    /// <summary><c>/caas/apps/{appId}</c>.</summary>
    public static string Marker(string appId) => Root + appId;

    /// <summary>The app id of a marker key; false for keys of another shape.</summary>
    public static bool TryParseMarker(string key, out string appId)
    {
        appId = "";
        if (!key.StartsWith(Root, StringComparison.Ordinal) || key.Length == Root.Length || key.IndexOf('/', Root.Length) >= 0)
        {
            return false;
        }

        appId = key[Root.Length..];
        return true;
    }
}

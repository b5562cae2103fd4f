using Berth.Core.Discovery;

namespace Berth.Discovery.Sleep;

/// <summary>
/// The discovery layout of scale to zero. The leader writes <c>/caas/sleeping/{appId}</c> when it puts an app to sleep
/// (value <see cref="Asleep"/>, or <see cref="Failed"/> with the reason after a wake that failed) and deletes it once the
/// app is awake; gateways watch it and hold requests for a sleeping app with no instance. A gateway asks for a wake by
/// writing <c>/caas/wake/{appId}</c> (value: who asked); only the leader watches these keys, acts, and deletes them.
/// </summary>
public static class SleepKeys
{
    /// <summary>The prefix of every sleeping mark.</summary>
    public const string SleepingRoot = DiscoveryKeys.Root + "sleeping/";

    /// <summary>The prefix of every wake request.</summary>
    public const string WakeRoot = DiscoveryKeys.Root + "wake/";

    /// <summary>The value of a sleeping mark while no wake has failed.</summary>
    public const string Asleep = "asleep";

    private const string FailedPrefix = "failed: ";

    /// <summary><c>/caas/sleeping/{appId}</c>.</summary>
    public static string Sleeping(string appId) => SleepingRoot + appId;

    /// <summary><c>/caas/wake/{appId}</c>.</summary>
    public static string Wake(string appId) => WakeRoot + appId;

    /// <summary>The value of a sleeping mark after a wake failed for <paramref name="reason"/>.</summary>
    public static string Failed(string reason) => FailedPrefix + reason;

    /// <summary>The reason of a failed wake a sleeping mark carries; null while none failed.</summary>
    public static string? FailureOf(string value) =>
        value.StartsWith(FailedPrefix, StringComparison.Ordinal) ? value[FailedPrefix.Length..] : null;

    /// <summary>The app id of a key directly under <paramref name="root"/>; false for keys of another shape.</summary>
    public static bool TryParse(string key, string root, out string appId)
    {
        appId = "";
        if (!key.StartsWith(root, StringComparison.Ordinal) || key.Length == root.Length || key.IndexOf('/', root.Length) >= 0)
        {
            return false;
        }

        appId = key[root.Length..];
        return true;
    }
}

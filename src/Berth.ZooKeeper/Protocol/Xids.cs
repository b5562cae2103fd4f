namespace Berth.ZooKeeper.Protocol;

/// <summary>Request ids with a fixed meaning; ordinary requests use positive ids.</summary>
internal static class Xids
{
    /// <summary>A watch notification from the server.</summary>
    public const int Notification = -1;

    /// <summary>Pings and their replies.</summary>
    public const int Ping = -2;

    /// <summary>Auth packets: the server answers them at once, outside the order of other requests.</summary>
    public const int Auth = -4;
}

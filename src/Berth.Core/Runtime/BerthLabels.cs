namespace Berth.Core.Runtime;

/// <summary>The labels Berth puts on its containers so it can find them again after a restart.</summary>
public static class BerthLabels
{
    public const string Managed = "berth.managed";
    public const string App = "berth.app";
    public const string Version = "berth.version";
    public const string Instance = "berth.instance";
    public const string Tenant = "berth.tenant";
    /// <summary>The installation that made the container, so Berths sharing an engine never remove each other's.</summary>
    public const string Cluster = "berth.cluster";
}

namespace Berth.Core.Hosts;

/// <summary>How many instances of one version of an app run on one host: what affinity and spread rules look at.</summary>
public sealed record HostAppInstances(string HostName, string AppId, string Version, int Count);

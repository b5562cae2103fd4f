namespace Berth.Discovery;

/// <summary>One registered instance of an app; <see cref="Address"/> is <c>{hostIp}:{port}</c>.</summary>
public sealed record ServiceInstance(string AppId, string Version, string ContainerId, string Address);

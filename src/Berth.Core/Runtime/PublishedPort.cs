namespace Berth.Core.Runtime;

/// <summary>A host port that a running container publishes, and the labels of that container (to tell whose it is).</summary>
public sealed record PublishedPort(string ContainerId, string HostIp, int Port, IReadOnlyDictionary<string, string> Labels);

using Berth.Core.Runtime;

namespace Berth.ControlPlane.Scaling;

/// <summary>One instance's resource use as last read, with what it belongs to.</summary>
internal sealed record InstanceReading(string InstanceId, string AppId, string Version, string HostName, ContainerUsage Usage);

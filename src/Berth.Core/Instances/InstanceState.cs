namespace Berth.Core.Instances;

public enum InstanceState
{
    /// <summary>Host, port and resources are reserved; no container yet.</summary>
    Reserved,
    Starting,
    Running,
    Draining,
    Stopped,
    Failed,
}

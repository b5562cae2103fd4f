namespace Berth.Core.Instances;

public enum InstanceState
{
    /// <summary>Host, port and resources are reserved; no container yet.</summary>
    Reserved,
    Starting,
    Running,
    Draining,
    /// <summary>Restarted in place after a failure; back in discovery after its first passing check.</summary>
    Restarting,
    Stopped,
    Failed,
}

namespace Berth.Core.Instances;

public enum InstanceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}

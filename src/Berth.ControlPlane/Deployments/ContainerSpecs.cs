using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.Runtime;

namespace Berth.ControlPlane.Deployments;

/// <summary>How an instance becomes a container: name, published port, limits and Berth's labels.</summary>
public static class ContainerSpecs
{
    public static ContainerSpec For(App app, Instance instance, string image) => new()
    {
        Name = $"berth-{app.Id}-{instance.Id}",
        Image = image,
        ContainerPort = app.Port,
        HostIp = instance.HostIp,
        HostPort = instance.HostPort,
        MemoryMb = app.MemoryMb,
        CpuShares = app.CpuShares,
        Env = app.Env,
        Labels = new Dictionary<string, string>
        {
            [BerthLabels.Managed] = "true",
            [BerthLabels.App] = app.Id,
            [BerthLabels.Version] = instance.Version,
            [BerthLabels.Instance] = instance.Id,
            [BerthLabels.Tenant] = app.Tenant,
        },
    };
}

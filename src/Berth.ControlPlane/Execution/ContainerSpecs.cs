using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.Runtime;

namespace Berth.ControlPlane.Execution;

/// <summary>How an instance becomes a container: name, published port, limits and Berth's labels.</summary>
internal static class ContainerSpecs
{
    /// <param name="config">The app's config values; they win over <see cref="App.Env"/> of the same name.</param>
    public static ContainerSpec For(App app, Instance instance, string image, IReadOnlyDictionary<string, string> config) => new()
    {
        Name = $"berth-{app.Id}-{instance.Id}",
        Image = image,
        ContainerPort = app.Port,
        HostIp = instance.HostIp,
        HostPort = instance.HostPort,
        MemoryMb = app.MemoryMb,
        CpuShares = app.CpuShares,
        ReadOnlyRootFilesystem = app.ReadOnlyRootFilesystem,
        Network = app.Project is { } project ? BerthNetworks.ForProject(app.Tenant, project.Project) : BerthNetworks.ForTenant(app.Tenant),
        NetworkAliases = app.Project is { } service ? [service.Service] : [],
        Command = app.Project?.Command ?? [],
        Volumes = app.Project is { } mounts
            ? [.. mounts.Volumes.Select(v => v with { Name = BerthNetworks.VolumeOf(app.Tenant, mounts.Project, v.Name) })]
            : [],
        Env = new Dictionary<string, string>(app.Env.Concat(config).GroupBy(kv => kv.Key).Select(g => g.Last())),
        Labels = new Dictionary<string, string>(app.Project?.Labels ?? new Dictionary<string, string>())
        {
            [BerthLabels.Managed] = "true",
            [BerthLabels.App] = app.Id,
            [BerthLabels.Version] = instance.Version,
            [BerthLabels.Instance] = instance.Id,
            [BerthLabels.Tenant] = app.Tenant,
        },
    };
}

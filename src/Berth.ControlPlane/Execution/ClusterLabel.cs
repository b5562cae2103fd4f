using Berth.Core.Runtime;
using Berth.Core.State;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// This installation's id as a container label. Berths sharing an engine (tests, several installations) each
/// remove only containers carrying their own id, never another's.
/// </summary>
public sealed class ClusterLabel(IClusterIdentity identity)
{
    private string? _clusterId;

    /// <summary>The installation's id, read from the store once.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken) =>
        _clusterId ??= await identity.GetClusterIdAsync(cancellationToken);

    /// <summary>The spec with the cluster label added.</summary>
    public async Task<ContainerSpec> ApplyAsync(ContainerSpec spec, CancellationToken cancellationToken) =>
        spec with { Labels = new Dictionary<string, string>(spec.Labels) { [BerthLabels.Cluster] = await GetAsync(cancellationToken) } };

    /// <summary>The labels that select every container of this installation.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SelectorAsync(CancellationToken cancellationToken) =>
        new Dictionary<string, string> { [BerthLabels.Managed] = "true", [BerthLabels.Cluster] = await GetAsync(cancellationToken) };
}

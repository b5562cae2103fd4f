namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>The cluster classes share one bridge and address range: one at a time, nothing else beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster in a box";
}

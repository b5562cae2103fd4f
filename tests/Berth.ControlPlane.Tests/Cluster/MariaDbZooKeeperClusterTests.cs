namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>
/// The cluster on MariaDB and ZooKeeper: the deploy scenario, gateways on their own least-privilege reader; under load
/// a ZooKeeper member killed, the ensemble's quorum lost, and MariaDB restarted.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
[Trait("Duration", "Long")]
public sealed class MariaDbZooKeeperClusterTests(MariaDbZooKeeperCluster box) : IClassFixture<MariaDbZooKeeperCluster>
{
    [Fact]
    public Task DeployRollCanaryScaleDelete_MariaDbZooKeeper_ServedThroughEveryGateway() => ClusterScenario.DeployRollCanaryScaleDeleteAsync(box);

    [Fact]
    public Task ZooKeeperMemberKilled_QuorumKept_NoFailedRequestAndDeploysGoOn() => ClusterScenario.DiscoveryMemberKilledAsync(box);

    [Fact]
    public Task ZooKeeperQuorumLost_GatewaysRouteFromTheirLastTableSayStaleAndRecover() => ClusterScenario.DiscoveryQuorumLostAsync(box);

    [Fact]
    public Task MariaDbRestarted_UnderLoad_NoFailedRequestNo500AndTheNextScaleGoesThrough() => ClusterScenario.DatabaseRestartedAsync(box);
}

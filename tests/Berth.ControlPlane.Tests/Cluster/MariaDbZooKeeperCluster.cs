namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>The cluster on MariaDB and a 3-member ZooKeeper ensemble.</summary>
public sealed class MariaDbZooKeeperCluster() : ClusterBox("mariadb", "zookeeper");

namespace Berth.ControlPlane.Tests.Cluster;

/// <summary>The cluster on PostgreSQL and a 3-member etcd.</summary>
public sealed class PostgresEtcdCluster() : ClusterBox("postgres", "etcd");

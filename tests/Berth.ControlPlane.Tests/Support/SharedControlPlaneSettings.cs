namespace Berth.ControlPlane.Tests.Support;

/// <summary>What every control plane of one installation shares: the state database, etcd, the secret key and the host's port range.</summary>
public sealed record SharedControlPlaneSettings(string ConnectionString, string Etcd, string SecretKey, string PortRange, TimeSpan LeaderTtl);

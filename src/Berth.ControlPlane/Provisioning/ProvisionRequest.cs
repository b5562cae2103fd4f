namespace Berth.ControlPlane.Provisioning;

/// <summary>What <c>create</c> reads on stdin: why a host is wanted and the size of one instance it must take, so a cloud provisioner can pick a machine type.</summary>
/// <param name="Reason">Why no host could take the instances (the scheduler's refusals).</param>
/// <param name="AppId">The app being placed.</param>
/// <param name="MemoryMb">Memory one instance reserves.</param>
/// <param name="CpuShares">CPU shares one instance reserves.</param>
public sealed record ProvisionRequest(string Reason, string AppId, int MemoryMb, int CpuShares);

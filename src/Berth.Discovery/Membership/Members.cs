using Berth.Core.Discovery;

namespace Berth.Discovery.Membership;

/// <summary>
/// Liveness records of Berth's own processes at <c>/caas/members/{component}/{id}</c> → URL, bound to a
/// lease: a process that dies disappears within <see cref="Ttl"/>, one that stops removes its record at once.
/// </summary>
public static class Members
{
    public const string ControlPlane = "control-plane";
    public const string Gateway = "gateway";
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    public static Task<IAsyncDisposable> RegisterAsync(IDiscoveryLeases leases, string component, string url, CancellationToken cancellationToken) =>
        leases.PutEphemeralAsync(DiscoveryKeys.Member(component, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"), url, Ttl, cancellationToken);
}

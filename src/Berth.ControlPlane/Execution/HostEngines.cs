using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;

namespace Berth.ControlPlane.Execution;

/// <summary>The engine of a host named on an instance: the host row and the runtime factory always travel together.</summary>
public sealed class HostEngines(IStateStore store, IContainerRuntimeFactory runtimes)
{
    /// <summary>The runtime of the host called <paramref name="hostName"/>, or null when no such host is registered any more.</summary>
    public async Task<IContainerRuntime?> RuntimeAsync(string hostName, CancellationToken cancellationToken) =>
        await store.GetHostAsync(hostName, cancellationToken) is { } host ? runtimes.For(host) : null;

    /// <summary>The runtime of a host already read.</summary>
    public IContainerRuntime For(Host host) => runtimes.For(host);
}

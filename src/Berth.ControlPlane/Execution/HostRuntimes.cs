using Berth.Core.Hosts;
using Berth.Core.Runtime;

namespace Berth.ControlPlane.Execution;

/// <summary>The runtime of a host's engine, with the host's TLS files, which another control plane may have added since this one started.</summary>
internal static class HostRuntimes
{
    public static IContainerRuntime For(this IContainerRuntimeFactory runtimes, Host host)
    {
        if (host.Tls is not null && runtimes is IEngineTlsSettings tls)
        {
            tls.Configure(host.Engine, host.Tls);
        }
        return runtimes.Get(host.Engine);
    }
}

namespace Berth.Core.Hosts;

/// <summary>
/// An optional ability of a runtime factory: engines reached over TCP with a client certificate. Once an
/// endpoint is configured, <c>IContainerRuntimeFactory.Get</c> hands out runtimes that use it.
/// </summary>
public interface IEngineTlsSettings
{
    /// <summary>Uses <paramref name="tls"/> for every later connection to <paramref name="engineEndpoint"/>.</summary>
    void Configure(string engineEndpoint, EngineTls tls);
}

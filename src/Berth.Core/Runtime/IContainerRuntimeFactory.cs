namespace Berth.Core.Runtime;

/// <summary>Gives the runtime of an engine endpoint, so callers never build clients themselves.</summary>
public interface IContainerRuntimeFactory
{
    IContainerRuntime Get(string engineEndpoint);
}

using Berth.Core.Discovery;

namespace Berth.Bench.Discovery;

/// <summary>A backend under test: a registrar's client and a separate watcher's client (the same object when in-process).</summary>
internal sealed record Backend(string Name, IDiscoveryStore Registrar, IDiscoveryStore Watcher) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        (Registrar as IDisposable)?.Dispose();
        (Watcher as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}

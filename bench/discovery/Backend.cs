using Berth.Core.Discovery;

namespace Berth.Bench.Discovery;

/// <summary>A backend under test: a registrar's client and a separate watcher's client (the same object when in-process).</summary>
internal sealed record Backend(string Name, IDiscoveryStore Registrar, IDiscoveryStore Watcher) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        foreach (var client in new object[] { Registrar, Watcher }.Distinct())
        {
            if (client is IAsyncDisposable asynchronous)
            {
                await asynchronous.DisposeAsync();
            }
            else
            {
                (client as IDisposable)?.Dispose();
            }
        }
    }
}

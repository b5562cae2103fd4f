using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>
/// How many long calls — config and event waits, log follows — each tenant has open at once, so one tenant
/// cannot hold every connection and watcher of the server: at most <see cref="BerthOptions.MaxWaitsPerTenant"/>.
/// </summary>
internal sealed class TenantWaits(IOptions<BerthOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>How many long calls one tenant may have open.</summary>
    public int Limit => options.Value.MaxWaitsPerTenant;

    /// <summary>A place for one more long call of <paramref name="tenant"/>, given back on dispose; null when it has all it may.</summary>
    public IDisposable? TryEnter(string tenant)
    {
        var limit = Limit;
        while (true)
        {
            var current = _open.GetOrAdd(tenant, 0);
            if (current >= limit)
            {
                return null;
            }

            if (_open.TryUpdate(tenant, current + 1, current))
            {
                return new Lease(this, tenant);
            }
        }
    }

    private void Leave(string tenant) => _open.AddOrUpdate(tenant, 0, (_, count) => Math.Max(count - 1, 0));

    private sealed class Lease(TenantWaits owner, string tenant) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(tenant);
            }
        }
    }
}

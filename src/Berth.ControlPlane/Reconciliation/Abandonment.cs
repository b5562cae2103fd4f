using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// When half-done work in the store may be taken over. Alone on its state, this process knows that every half-done
/// thing is an orphan of its own previous life; with several control planes it waits until such things are clearly
/// abandoned: untouched for twice the startup timeout and a minute more.
/// </summary>
public sealed class Abandonment(ControlPlaneScope scope, IOptions<BerthOptions> options, TimeProvider time)
{
    /// <summary>No other control plane shares this state.</summary>
    public bool Alone => scope.Alone;

    /// <summary>Work last touched at <paramref name="updatedAt"/> was left by whoever did it.</summary>
    public bool Since(DateTimeOffset updatedAt) => time.GetUtcNow() - updatedAt > TimeSpan.FromSeconds(2 * options.Value.StartupTimeoutSeconds + 60);
}

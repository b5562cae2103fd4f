using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// Runs deployments in the background, one at a time per app, so a deploy, a scale and a delete of the
/// same app never interleave. On shutdown it cancels what runs and waits for it to record its end.
/// </summary>
public sealed class DeploymentCoordinator(DeploymentRunner runner) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _appLocks = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts the deployment once every earlier operation on its app has finished.</summary>
    public void Start(string appId, string deploymentId)
    {
        var task = Task.Run(() => RunExclusiveAsync(appId, token => runner.RunAsync(appId, deploymentId, token), _stopping.Token));
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Runs <paramref name="work"/> while no other operation on the app runs.</summary>
    public async Task RunExclusiveAsync(string appId, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var gate = _appLocks.GetOrAdd(appId, _ => new SemaphoreSlim(1, 1));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await gate.WaitAsync(linked.Token);
        try
        {
            await work(linked.Token);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> if no other operation on the app runs now; false (and nothing run) otherwise.</summary>
    public async Task<bool> TryRunExclusiveAsync(string appId, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var gate = _appLocks.GetOrAdd(appId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return false;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            await work(linked.Token);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _stopping.Dispose();
}

using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Waits for a new container's first healthy answer, within <see cref="BerthOptions.StartupTimeoutSeconds"/>: an app
/// instance's HTTP health check, or a managed service's check over its server's own protocol.
/// </summary>
public sealed class StartupCheck(HealthProbe probe, IOptions<BerthOptions> options, TimeProvider time)
{
    /// <summary>Returns once the instance answers its health check; throws <see cref="LaunchFailedException"/> when it dies or the time is up.</summary>
    public Task WaitHealthyAsync(IContainerRuntime runtime, App app, Instance instance, CancellationToken cancellationToken) =>
        WaitAsync(
            runtime,
            instance.ContainerId!,
            $"instance {instance.Id}",
            async token => await probe.CheckAsync(instance.Address, app.HealthCheckOf(instance.Version), token) ? null : $"did not answer {app.HealthCheckOf(instance.Version).Describe()} on {instance.Address}",
            TimeSpan.FromMilliseconds(50),
            cancellationToken);

    /// <summary>
    /// Returns once <paramref name="check"/> answers null (healthy); it answers why not otherwise. Throws
    /// <see cref="LaunchFailedException"/> naming <paramref name="what"/> when the container dies or the time is up.
    /// </summary>
    public async Task WaitAsync(
        IContainerRuntime runtime, string containerId, string what, Func<CancellationToken, Task<string?>> check, TimeSpan every, CancellationToken cancellationToken)
    {
        var limit = options.Value.StartupTimeoutSeconds;
        var deadline = time.GetUtcNow().AddSeconds(limit);
        var nextInspect = time.GetUtcNow();
        while (await check(cancellationToken) is { } failure)
        {
            var now = time.GetUtcNow();
            if (now > deadline)
            {
                throw new LaunchFailedException($"{what} {failure} within {limit} s");
            }

            if (now >= nextInspect)
            {
                // A container that died will never turn healthy: fail now rather than at the deadline.
                var info = await runtime.InspectAsync(containerId, cancellationToken);
                if (info is not { Running: true })
                {
                    throw new LaunchFailedException($"{what} stopped while starting (state: {info?.Status ?? "gone"})");
                }

                nextInspect = now.AddSeconds(1);
            }

            await Task.Delay(every, time, cancellationToken);
        }
    }
}

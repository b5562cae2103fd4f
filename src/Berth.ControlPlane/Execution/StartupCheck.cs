using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>Waits for a new instance's first healthy probe, within <see cref="BerthOptions.StartupTimeoutSeconds"/>.</summary>
public sealed class StartupCheck(HealthProbe probe, IOptions<BerthOptions> options, TimeProvider time)
{
    /// <summary>Returns once the instance answers its health check; throws <see cref="LaunchFailedException"/> when it dies or the time is up.</summary>
    public async Task WaitHealthyAsync(IContainerRuntime runtime, App app, Instance instance, CancellationToken cancellationToken)
    {
        var limit = options.Value.StartupTimeoutSeconds;
        var deadline = time.GetUtcNow().AddSeconds(limit);
        var nextInspect = time.GetUtcNow();
        while (!await probe.CheckAsync(instance.Address, app.HealthCheck, cancellationToken))
        {
            var now = time.GetUtcNow();
            if (now > deadline)
            {
                throw new LaunchFailedException($"instance {instance.Id} did not answer {app.HealthCheck.Path} on {instance.Address} within {limit} s");
            }

            if (now >= nextInspect)
            {
                // A container that died will never turn healthy: fail now rather than at the deadline.
                var info = await runtime.InspectAsync(instance.ContainerId!, cancellationToken);
                if (info is not { Running: true })
                {
                    throw new LaunchFailedException($"instance {instance.Id} stopped while starting (state: {info?.Status ?? "gone"})");
                }

                nextInspect = now.AddSeconds(1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }
}

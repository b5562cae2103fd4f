using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Runtime;
using Berth.Discovery.Config;
using Berth.Runtime.Docker;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// Runs a one-shot project service (one a dependent waits for with <c>service_completed_successfully</c>) once to
/// completion: a host from the scheduler, the service's container on the project's network, waited for until it
/// exits, then removed. It is no instance: discovery, the gateway, the health monitor and the reconciler never see it,
/// so nothing routes to it or starts it again. Its end (with its last log lines when it failed) is the app's event.
/// </summary>
internal sealed class OneShotRunner(
    Placer placer,
    Scheduler scheduler,
    HostEngines engines,
    ConfigStore config,
    ClusterLabel cluster,
    AppImagePolicy images,
    AppEventRecorder events,
    IOptions<BerthOptions> options,
    TimeProvider time)
{
    /// <summary>How many of a failed run's last log lines its event and the deploy's reason carry.</summary>
    private const int LogTail = 5;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    /// <summary>Runs <paramref name="app"/> at <paramref name="version"/> once; null when it exited 0, else why not.</summary>
    public async Task<string?> RunAsync(App app, string version, CancellationToken cancellationToken)
    {
        PlacementRequest request;
        try
        {
            request = PlacementRequest.For(app, version);
        }
        catch (ConstraintFormatException e)
        {
            return e.Message;
        }

        var plan = scheduler.Plan(await placer.ReadSnapshotAsync(request, cancellationToken), request, 1);
        if (!plan.Complete)
        {
            return $"fits no host: {(plan.Refusals.Count == 0 ? "no host is registered" : string.Join("; ", plan.Refusals))}";
        }

        if (await images.RefuseImageAsync(app, cancellationToken) is { } refused)
        {
            return refused;
        }

        var host = plan.Placements[0].Host;
        try
        {
            return await RunOnAsync(engines.For(host), host.Name, app, version, cancellationToken);
        }
        catch (Exception e) when (e is ImageNotFoundException or ContainerRuntimeException)
        {
            return e.Message;
        }
    }

    private async Task<string?> RunOnAsync(IContainerRuntime runtime, string hostName, App app, string version, CancellationToken cancellationToken)
    {
        var image = ImageReference.For(options.Value.Registry, app, version);
        await runtime.EnsureImageAsync(image, cancellationToken);
        var spec = await SpecAsync(app, version, image, cancellationToken);
        // A run a crash left behind under the same name would block the create.
        await runtime.RemoveAsync(spec.Name, cancellationToken);
        var containerId = await runtime.CreateAsync(spec, cancellationToken);
        try
        {
            await runtime.StartAsync(containerId, cancellationToken);
            if (await WaitForExitAsync(runtime, containerId, cancellationToken) is not { } exitCode)
            {
                return $"its container on {hostName} was removed before it exited";
            }

            if (exitCode == 0)
            {
                await events.RecordAsync(app.Id, AppEventType.Completed, $"{version} ran to completion on {hostName} (exit code 0)", hostName: hostName);
                return null;
            }

            var logs = await TailAsync(runtime, containerId, cancellationToken);
            var reason = $"exited with code {exitCode} on {hostName}";
            await events.RecordAsync(app.Id, AppEventType.CompletionFailed, $"{version} {reason}", logs: logs, hostName: hostName);
            return logs.Count == 0 ? reason : $"{reason}: {string.Join(" | ", logs)}";
        }
        finally
        {
            await runtime.RemoveAsync(containerId, CancellationToken.None);
        }
    }

    /// <summary>
    /// The container: the service's command, variables, volumes and name on the project's network, no published port.
    /// It carries the installation's label but not the "managed" one, so the reconciler's sweep of containers no
    /// instance owns leaves it to finish.
    /// </summary>
    private async Task<ContainerSpec> SpecAsync(App app, string version, string image, CancellationToken cancellationToken)
    {
        var settings = await config.ResolveAsync(app.Id, cancellationToken);
        var project = app.Project!;
        return new ContainerSpec
        {
            Name = $"berth-{app.Id}-{version}-run",
            Image = image,
            ContainerPort = app.Port,
            HostIp = "127.0.0.1",
            HostPort = 0,
            MemoryMb = app.MemoryMb,
            CpuShares = app.CpuShares,
            ReadOnlyRootFilesystem = app.ReadOnlyRootFilesystem,
            Network = BerthNetworks.ForProject(app.Tenant, project.Project),
            NetworkAliases = [project.Service],
            Command = project.Command,
            Volumes = [.. project.Volumes.Select(v => v with { Name = BerthNetworks.VolumeOf(app.Tenant, project.Project, v.Name) })],
            Env = new Dictionary<string, string>(app.Env.Concat(settings).GroupBy(kv => kv.Key).Select(g => g.Last())),
            Labels = new Dictionary<string, string>(project.Labels)
            {
                [BerthLabels.App] = app.Id,
                [BerthLabels.Version] = version,
                [BerthLabels.Tenant] = app.Tenant,
                [BerthLabels.Cluster] = await cluster.GetAsync(cancellationToken),
            },
        };
    }

    /// <summary>The container's exit code once it exited; null when it is gone.</summary>
    private async Task<int?> WaitForExitAsync(IContainerRuntime runtime, string containerId, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (await runtime.InspectAsync(containerId, cancellationToken))
            {
                case null:
                    return null;
                case { ExitCode: { } exitCode }:
                    return exitCode;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> TailAsync(IContainerRuntime runtime, string containerId, CancellationToken cancellationToken)
    {
        if (runtime is not IContainerLogs reader)
        {
            return [];
        }

        var lines = new List<string>();
        await foreach (var line in reader.ReadLogsAsync(containerId, new LogRequest { Tail = LogTail }, cancellationToken))
        {
            lines.Add(line.Text);
        }

        return lines;
    }
}

using Berth.ControlPlane.Security.Registry;
using Berth.ControlPlane.Telemetry;
using Berth.Core.Apps;
using Berth.Core.Hosts;
using Berth.Core.Instances;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Discovery.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Execution;

/// <summary>
/// Makes a reserved instance's container run: pull its image, create it with the app's config and Berth's labels, start
/// it. When the engine cannot bind the instance's host port because something outside Berth holds it, the port is
/// blocked for a while, the half-made container removed and the instance moved to another free port of the range, up
/// to <see cref="PortAttempts"/> ports.
/// </summary>
public sealed partial class ContainerFactory(
    IStateStore store,
    IBlockedPortStore blockedPorts,
    ConfigStore config,
    ClusterLabel cluster,
    LaunchRecorder recorder,
    ICrashPoints crash,
    AppImagePolicy images,
    IEnumerable<IInstanceEnvironment> environments,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<ContainerFactory> logger)
{
    /// <summary>How many ports one instance tries before its start fails, when the engine finds each taken.</summary>
    private const int PortAttempts = 3;

    /// <summary>Returns the instance with its container id, the container started (not yet checked healthy).</summary>
    public async Task<Instance> CreateAndStartAsync(IContainerRuntime runtime, App app, Instance instance, CancellationToken cancellationToken)
    {
        // Checked at every start, also when the engine has the image cached and would start it without asking the registry.
        if (await images.RefuseImageAsync(app, cancellationToken) is { } refused)
        {
            throw new LaunchFailedException(refused);
        }

        var image = ImageReference.For(options.Value.Registry, app, instance.Version);
        try
        {
            await Traced.EngineAsync("pull", () => runtime.EnsureImageAsync(image, cancellationToken));
        }
        catch (ImageNotFoundException e)
        {
            throw new LaunchFailedException(e.Message, e);
        }

        // Another port on the same host if the first is taken: the variables stay right for every attempt.
        var settings = await WithEnvironmentsAsync(await config.ResolveAsync(app.Id, cancellationToken), app, instance, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var spec = await cluster.ApplyAsync(ContainerSpecs.For(app, instance, image, settings), cancellationToken);
            var containerId = await Traced.EngineAsync("create", () => runtime.CreateAsync(spec, cancellationToken));
            crash.Hit(CrashSteps.LaunchCreated);
            instance = instance with { ContainerId = containerId, State = InstanceState.Starting, UpdatedAt = time.GetUtcNow() };
            await store.UpdateInstanceAsync(instance, cancellationToken);
            try
            {
                await Traced.EngineAsync("start", () => runtime.StartAsync(containerId, cancellationToken));
                crash.Hit(CrashSteps.LaunchStarted);
                return instance;
            }
            catch (HostPortInUseException e)
            {
                instance = await SkipTakenPortAsync(runtime, app, instance, e, attempt, cancellationToken);
            }
        }
    }

    /// <summary>The config with the variables of every <see cref="IInstanceEnvironment"/> for this instance on its host; theirs win.</summary>
    private async Task<IReadOnlyDictionary<string, string>> WithEnvironmentsAsync(
        IReadOnlyDictionary<string, string> settings, App app, Instance instance, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, string>(settings);
        foreach (var environment in environments)
        {
            foreach (var (key, value) in await environment.ForAsync(app, instance, cancellationToken))
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    /// <summary>Blocks the instance's taken port; then, unless this was the last attempt, removes its container and moves it to another port.</summary>
    private async Task<Instance> SkipTakenPortAsync(
        IContainerRuntime runtime, App app, Instance instance, HostPortInUseException taken, int attempt, CancellationToken cancellationToken)
    {
        var blockFor = TimeSpan.FromMinutes(options.Value.PortBlockMinutes);
        await blockedPorts.BlockPortAsync(new BlockedPort(instance.HostName, instance.HostPort, time.GetUtcNow() + blockFor, taken.Message), cancellationToken);
        var skipped = $"host port {instance.HostPort} of {instance.HostName} is in use outside Berth, so it is blocked for {blockFor.TotalMinutes:0} min";
        if (attempt == PortAttempts)
        {
            throw new LaunchFailedException($"{skipped}; gave up after {PortAttempts} taken ports: {taken.Message}", taken);
        }

        await runtime.RemoveAsync(instance.ContainerId!, cancellationToken);
        Instance moved;
        try
        {
            moved = await blockedPorts.MoveToFreePortAsync(instance.Id, cancellationToken);
        }
        catch (PortRangeExhaustedException e)
        {
            throw new LaunchFailedException($"{skipped}, and {e.Message}", e);
        }

        LogPortSkipped(logger, app.Id, instance.HostName, instance.HostPort, moved.HostPort, taken.Message);
        await recorder.PortBlockedAsync(moved, $"{skipped}; trying port {moved.HostPort}");
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AppId}: host port {Port} of {Host} is in use outside Berth, trying {NextPort}: {Reason}")]
    private static partial void LogPortSkipped(ILogger logger, string appId, string host, int port, int nextPort, string reason);
}

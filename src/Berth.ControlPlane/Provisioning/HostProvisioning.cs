using Berth.ControlPlane.Apis;
using Berth.Contracts;
using Berth.ControlPlane.Events;
using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.Runtime;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Provisioning;

/// <summary>
/// Brings a new host online when a placement finds no room: checks the limits, asks the provisioner for a host, waits
/// for its engine to answer, and adds it as <c>POST /v1/hosts</c> does, with a record that lets the
/// <see cref="ProvisionedHostReaper"/> destroy it again once it stays empty. A host that cannot be brought online is
/// destroyed at once: it never joins half made. Every step is a host event (<see cref="ClusterEvents"/>), the ones taken
/// for an app on that app's events too.
/// </summary>
/// <remarks>
/// One host is made at a time in a process: a placement that waited for another's host tries that one before asking for
/// its own (<see cref="Generation"/>). Control planes that place at once may each make one, so <see cref="ProvisioningOptions.MaxHosts"/>
/// is counted from the records every time, and the cooldown from the newest of them as well as from this process's last.
/// </remarks>
public sealed partial class HostProvisioning(
    ProvisionerCommand command,
    IStateStore store,
    IProvisionedHostStore records,
    IContainerRuntimeFactory runtimes,
    ClusterEvents events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<HostProvisioning> logger)
{
    private static readonly TimeSpan EngineRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EngineTryTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _one = new(1, 1);
    private DateTimeOffset _lastMade = DateTimeOffset.MinValue;
    private int _generation;

    /// <summary>Whether a provisioner is configured.</summary>
    public bool Enabled => options.Value.Provisioning.Executable is not null;

    /// <summary>Counts the hosts this process added; read it before a placement and hand it to <see cref="AddHostAsync"/>.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// Adds a host for <paramref name="request"/>, which no host could take (<paramref name="refusal"/> says why), unless a host
    /// was added since <paramref name="seen"/> (then the caller places again first). Returns the new host's name, or null for
    /// "place again".
    /// </summary>
    /// <exception cref="LaunchFailedException">No host may be made now (limit, cooldown) or making one failed; the message says why.</exception>
    public async Task<string?> AddHostAsync(LaunchRequest request, string refusal, int seen, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (Generation != seen)
            {
                return null;
            }

            var appId = request.App.Id;
            await CheckLimitsAsync(appId, refusal, cancellationToken);
            await ReportAsync(request, $"provisioning a host ({refusal})", cancellationToken);
            await events.RecordAsync(AppEventType.HostRequested, $"asking the provisioner for a host for {appId}: {refusal}", appId: appId);
            Host host;
            try
            {
                host = await MakeAsync(request, refusal, cancellationToken);
            }
            catch (LaunchFailedException e)
            {
                await events.RecordAsync(AppEventType.ProvisionFailed, $"{e.Message} (for {appId})", appId: appId);
                throw;
            }

            Interlocked.Increment(ref _generation);
            await events.RecordAsync(AppEventType.HostProvisioned,
                $"host {host.Name} ({host.Engine}, {host.MemoryMb} MB, {host.CpuShares} CPU shares) joined, provisioned for {appId}", host.Name, appId);
            await ReportAsync(request, $"provisioned host {host.Name}; placing there", cancellationToken);
            return host.Name;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task CheckLimitsAsync(string appId, string refusal, CancellationToken cancellationToken)
    {
        var settings = options.Value.Provisioning;
        var made = await records.ListProvisionedHostsAsync(cancellationToken);
        var last = made.Select(h => h.CreatedAt).Append(_lastMade).Max();
        var wait = last + settings.Cooldown - time.GetUtcNow();
        var why = made.Count >= settings.MaxHosts ? $"{made.Count} of at most {settings.MaxHosts} exist (Berth:Provisioning:MaxHosts)"
            : wait > TimeSpan.Zero ? $"the last was made {(settings.Cooldown - wait).TotalSeconds:0} s ago, the cooldown is {settings.Cooldown.TotalSeconds:0} s (Berth:Provisioning:Cooldown)"
            : null;
        if (why is not null)
        {
            await events.RecordAsync(AppEventType.ProvisionRefused, $"no host provisioned for {appId}: {why}", appId: appId);
            throw new LaunchFailedException($"{refusal}; no host provisioned: {why}");
        }
    }

    private async Task<Host> MakeAsync(LaunchRequest request, string refusal, CancellationToken cancellationToken)
    {
        CreateHostRequest answer;
        try
        {
            answer = await command.CreateAsync(new ProvisionRequest(refusal, request.App.Id, request.App.MemoryMb, request.App.CpuShares), cancellationToken);
        }
        catch (ProvisionerException e)
        {
            _lastMade = time.GetUtcNow();
            throw new LaunchFailedException($"provisioning a host failed: {e.Message}", e);
        }

        _lastMade = time.GetUtcNow();
        var (host, errors) = HostValidation.Validate(answer);
        if (host is null)
        {
            var why = string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}"));
            await DestroyQuietlyAsync(answer.Name, recorded: false);
            throw new LaunchFailedException($"provisioning a host failed: the provisioner printed a host that is not valid: {why}");
        }

        LogMade(logger, host.Name, host.Engine, request.App.Id);
        try
        {
            // Recorded before anything else: should destroying it fail from here on, the reaper still knows to.
            await records.AddProvisionedHostAsync(new ProvisionedHost(host.Name, _lastMade), cancellationToken);
        }
        catch (ConflictException)
        {
            // The name is a host made earlier and still recorded: destroying it by that name would take that one away.
            throw new LaunchFailedException($"provisioning a host failed: the provisioner named its new host {host.Name}, which it had made before");
        }

        try
        {
            var capacity = await WaitForEngineAsync(host, cancellationToken);
            var joined = host with
            {
                MemoryMb = capacity.MemoryMb,
                CpuShares = capacity.Cpus * 1024L * options.Value.LocalCpuOvercommit,
            };
            await store.CreateHostAsync(joined, cancellationToken);
            return joined;
        }
        catch (Exception e) when (e is LaunchFailedException or ConflictException)
        {
            await DestroyQuietlyAsync(host.Name, recorded: true);
            throw e as LaunchFailedException ?? new LaunchFailedException($"provisioning a host failed: {e.Message}", e);
        }
        catch
        {
            await DestroyQuietlyAsync(host.Name, recorded: true);
            throw;
        }
    }

    /// <summary>Polls the new engine until it answers with its capacity, within <see cref="ProvisioningOptions.EngineTimeout"/>.</summary>
    private async Task<HostCapacity> WaitForEngineAsync(Host host, CancellationToken cancellationToken)
    {
        var limit = options.Value.Provisioning.EngineTimeout;
        var deadline = time.GetUtcNow() + limit;
        var runtime = runtimes.For(host);
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(EngineTryTimeout);
            string why;
            try
            {
                return await runtime.GetCapacityAsync(attempt.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                why = e is OperationCanceledException ? $"it did not answer within {EngineTryTimeout.TotalSeconds:0} s" : e.Message;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new LaunchFailedException(
                    $"provisioning a host failed: the engine of {host.Name} ({host.Engine}) did not answer within {limit.TotalSeconds:0} s: {why}");
            }

            await Task.Delay(EngineRetry, time, cancellationToken);
        }
    }

    /// <summary>Destroys a host that will not join; when that fails, its record (if written) stays for the reaper to try again.</summary>
    private async Task DestroyQuietlyAsync(string? name, bool recorded)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        try
        {
            await command.DestroyAsync(name, CancellationToken.None);
            await events.RecordAsync(AppEventType.HostDestroyed, $"host {name} destroyed: it did not join", name);
            if (recorded)
            {
                await records.DeleteProvisionedHostAsync(name, CancellationToken.None);
            }
        }
        catch (ProvisionerException e)
        {
            LogDestroyFailed(logger, name, e.Message);
        }
    }

    /// <summary>Shows the step in the deployment's reason while it runs (a healer's launch has no deployment to show it in).</summary>
    private async Task ReportAsync(LaunchRequest request, string reason, CancellationToken cancellationToken)
    {
        if (await store.GetDeploymentAsync(request.App.Id, request.DeploymentId, cancellationToken) is { State: DeploymentState.Running } deployment)
        {
            await store.UpdateDeploymentAsync(deployment with { Reason = reason, UpdatedAt = time.GetUtcNow() }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned host {Host} ({Engine}) for {AppId}")]
    private static partial void LogMade(ILogger logger, string host, string engine, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destroying provisioned host {Host}, which did not join, failed: {Why}")]
    private static partial void LogDestroyFailed(ILogger logger, string host, string why);
}

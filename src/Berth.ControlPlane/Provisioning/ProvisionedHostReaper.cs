using Berth.ControlPlane.Events;
using Berth.ControlPlane.Reconciliation;
using Berth.Core.Events;
using Berth.Core.Hosts;
using Berth.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Provisioning;

/// <summary>
/// Leader work: drains and destroys every provisioned host that has stayed empty for <see cref="ProvisioningOptions.EmptyHostTime"/>,
/// and destroys recorded hosts that never joined or whose destruction failed before. A host leaves the hosts table before
/// the provisioner destroys it, and its record only after: nothing is placed on a machine being taken away, and a
/// machine is never forgotten while it may still exist. Each drain, destruction and first failed destruction of a host is
/// a host event.
/// </summary>
/// <remarks>
/// How long a host has been empty is kept in memory: a new leader starts counting again, which only keeps a host longer.
/// </remarks>
internal sealed partial class ProvisionedHostReaper(
    HostProvisioning provisioning,
    ProvisionerCommand command,
    IStateStore store,
    IProvisionedHostStore records,
    ClusterEvents events,
    IOptions<BerthOptions> options,
    TimeProvider time,
    ILogger<ProvisionedHostReaper> logger) : ILeaderWork
{
    private const int DrainAttempts = 10;
    // A record is written as soon as the provisioner answers; its host joins once the engine answers. Past this margin
    // beyond the engine's time, a record without a host is a machine left over.
    private static readonly TimeSpan JoinMargin = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, DateTimeOffset> _emptySince = new(StringComparer.Ordinal);
    // Hosts whose destruction failed and was reported: a provisioner that keeps failing is one event, not one per pass.
    private readonly HashSet<string> _destroyFailed = new(StringComparer.Ordinal);

    public string Name => "host reaper";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _emptySince.Clear();
        _destroyFailed.Clear();
        while (true)
        {
            if (provisioning.Enabled)
            {
                try
                {
                    await PassAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogPassFailed(logger, e);
                }
            }

            await Task.Delay(options.Value.Provisioning.ReapInterval, time, cancellationToken);
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Provisioning;
        var now = time.GetUtcNow();
        var hosts = (await store.ListHostUsageAsync(cancellationToken)).ToDictionary(u => u.Host.Name, StringComparer.Ordinal);
        var made = await records.ListProvisionedHostsAsync(cancellationToken);
        foreach (var name in _emptySince.Keys.Except(made.Select(h => h.Name)).ToList())
        {
            _emptySince.Remove(name);
        }

        foreach (var record in made)
        {
            if (!hosts.TryGetValue(record.Name, out var usage))
            {
                if (now - record.CreatedAt > settings.EngineTimeout + JoinMargin)
                {
                    await DestroyAsync(record.Name, "it never joined, or destroying it failed before", cancellationToken);
                }
                continue;
            }

            if (usage.PortsInUse > 0 || usage.ReservedMemoryMb > 0 || usage.ReservedCpuShares > 0)
            {
                _emptySince.Remove(record.Name);
                continue;
            }

            var since = _emptySince.TryGetValue(record.Name, out var seen) ? seen : _emptySince[record.Name] = now;
            if (now - since >= settings.EmptyHostTime && await RemoveHostAsync(usage.Host, cancellationToken))
            {
                var empty = $"empty for {(now - since).TotalSeconds:0} s";
                await events.RecordAsync(AppEventType.HostDrained, $"host {record.Name} {empty}: drained and removed from the hosts", record.Name);
                await DestroyAsync(record.Name, empty, cancellationToken);
            }
        }
    }

    /// <summary>Drains the host, then removes its row; false (and the drain lifted) when something landed on it meanwhile.</summary>
    private async Task<bool> RemoveHostAsync(Host host, CancellationToken cancellationToken)
    {
        for (var attempt = 1; !host.Drain; attempt++)
        {
            try
            {
                await store.UpdateHostAsync(host with { Drain = true }, cancellationToken);
                break;
            }
            catch (StaleHostException) when (attempt < DrainAttempts)
            {
                host = await store.GetHostAsync(host.Name, cancellationToken) ?? host;
            }
        }

        try
        {
            await store.DeleteHostAsync(host.Name, cancellationToken);
            return true;
        }
        catch (ConflictException e)
        {
            LogKept(logger, host.Name, e.Message);
            _emptySince.Remove(host.Name);
            if (await store.GetHostAsync(host.Name, cancellationToken) is { } current)
            {
                await store.UpdateHostAsync(current with { Drain = false }, cancellationToken);
            }
            return false;
        }
    }

    private async Task DestroyAsync(string name, string why, CancellationToken cancellationToken)
    {
        try
        {
            await command.DestroyAsync(name, cancellationToken);
        }
        catch (ProvisionerException e)
        {
            // The record stays: the next pass tries again.
            LogDestroyFailed(logger, name, e.Message);
            if (_destroyFailed.Add(name))
            {
                await events.RecordAsync(AppEventType.DestroyFailed,
                    $"destroying host {name} ({why}) failed, tried again every {options.Value.Provisioning.ReapInterval.TotalSeconds:0} s: {e.Message}", name);
            }

            return;
        }

        // Recorded before the record goes: whoever sees the record gone sees the event.
        await events.RecordAsync(AppEventType.HostDestroyed, $"host {name} destroyed: {why}", name);
        await records.DeleteProvisionedHostAsync(name, cancellationToken);
        _emptySince.Remove(name);
        _destroyFailed.Remove(name);
        LogDestroyed(logger, name, why);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Destroyed provisioned host {Host}: {Why}")]
    private static partial void LogDestroyed(ILogger logger, string host, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destroying provisioned host {Host} failed, trying again later: {Why}")]
    private static partial void LogDestroyFailed(ILogger logger, string host, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioned host {Host} is kept: {Why}")]
    private static partial void LogKept(ILogger logger, string host, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for empty provisioned hosts failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

using Berth.ControlPlane.Events;
using Berth.Core.Apps;
using Berth.Core.Discovery;
using Berth.Core.Events;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Discovery;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>The reconciler's look at discovery: it lists exactly the running, not unhealthy instances of apps that exist.</summary>
public sealed class DiscoverySync(IStateStore store, IDiscoveryStore discovery, ServiceRegistry registry, AppEventRecorder events)
{
    /// <summary>Discovery lists exactly the app's running, not unhealthy instances, at their addresses.</summary>
    public async Task SyncAsync(App app, CancellationToken cancellationToken)
    {
        var serving = (await store.ListInstancesAsync(app.Id, cancellationToken))
            .Where(i => i is { State: InstanceState.Running, ContainerId: not null } && i.Health != InstanceHealth.Unhealthy)
            .ToDictionary(i => ServiceKeys.Address(i.AppId, i.Version, i.ContainerId!));
        var entries = (await discovery.GetPrefixAsync(ServiceKeys.AppPrefix(app.Id), cancellationToken)).Entries.ToDictionary(e => e.Key, e => e.Value);
        var changes = new List<string>();
        foreach (var (key, _) in entries.Where(e => !serving.TryGetValue(e.Key, out var i) || i.Address != e.Value))
        {
            await discovery.DeleteAsync(key, cancellationToken);
            changes.Add($"withdrew {key[ServiceKeys.AddressRoot.Length..]}");
        }

        foreach (var (key, instance) in serving.Where(s => entries.GetValueOrDefault(s.Key) != s.Value.Address))
        {
            await registry.RegisterAsync(instance.AppId, instance.Version, instance.ContainerId!, instance.Address, cancellationToken);
            changes.Add($"registered {instance.Id} at {instance.Address}");
        }

        if ((await discovery.GetPrefixAsync(AppKeys.Marker(app.Id), cancellationToken)).Entries.All(e => e.Key != AppKeys.Marker(app.Id)))
        {
            await registry.AddAppAsync(app.Id, app.Tenant, cancellationToken);
        }

        if (changes.Count > 0)
        {
            await events.RecordAsync(app.Id, AppEventType.Reconciled, $"discovery corrected: {string.Join("; ", changes)}");
        }
    }

    /// <summary>Removes entries and markers of apps the store does not know any more (a delete a crash cut short).</summary>
    public async Task RemoveForeignAsync(IReadOnlyDictionary<string, App> apps, CancellationToken cancellationToken)
    {
        foreach (var entry in (await discovery.GetPrefixAsync(ServiceKeys.AddressRoot, cancellationToken)).Entries)
        {
            if (ServiceKeys.TryParseAddress(entry.Key, out var appId, out _, out _) && !apps.ContainsKey(appId))
            {
                await discovery.DeleteAsync(entry.Key, cancellationToken);
            }
        }

        foreach (var entry in (await discovery.GetPrefixAsync(AppKeys.Root, cancellationToken)).Entries)
        {
            if (AppKeys.TryParseMarker(entry.Key, out var appId) && !apps.ContainsKey(appId))
            {
                await discovery.DeleteAsync(entry.Key, cancellationToken);
            }
        }
    }
}

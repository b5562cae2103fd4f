using Berth.ControlPlane.Execution;
using Berth.Core.Projects;
using Berth.Core.State;
using Berth.Projects.Compose;
using Berth.Projects.Planning;
using Berth.Scheduling.Constraints;
using Berth.Scheduling.Placement;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// Chooses the host of each <c>x-berth.group</c> a deploy changes, for the group as one unit: one placement that needs
/// the sum of its services' instances and keeps every member's constraints and the first strategy named. The members
/// are then pinned to that host. A group whose members partly stay as they run goes to the host they run on.
/// </summary>
internal sealed class GroupPlacement(IStateStore store, Placer placer, Scheduler scheduler, TimeProvider time)
{
    /// <summary>The host of every group the deploy changes, or why a group fits no host (each host's reason).</summary>
    public async Task<(IReadOnlyDictionary<string, string> Hosts, string? Failure)> PlaceAsync(
        Project project, ComposeProject next, IReadOnlyDictionary<string, ServiceChange> changes, CancellationToken cancellationToken)
    {
        var hosts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in next.Services.Where(s => s.Berth.Group is not null).GroupBy(s => s.Berth.Group!, StringComparer.Ordinal))
        {
            var changed = group.Where(s => changes[s.Name].Kind != ChangeKind.Unchanged).ToList();
            if (changed.Count == 0)
            {
                continue;
            }

            var staying = await HostOfAsync(project, group.Except(changed), cancellationToken);
            var unit = $"group '{group.Key}' ({string.Join(", ", group.Select(s => s.Name))})";
            PlacementRequest request;
            try
            {
                request = Request(project, group.Key, staying is null ? [.. group] : changed) with { Host = staying };
            }
            catch (ConstraintFormatException e)
            {
                return (hosts, $"{unit}: {e.Message}");
            }

            var plan = scheduler.Plan(await placer.ReadSnapshotAsync(request, cancellationToken), request, 1);
            if (!plan.Complete)
            {
                var refusals = plan.Refusals.Count == 0 ? "no host is registered" : string.Join("; ", plan.Refusals);
                return (hosts, $"{unit} fits no host as one unit: {refusals}");
            }

            hosts[group.Key] = plan.Placements[0].Host.Name;
        }

        return (hosts, null);
    }

    /// <summary>One unit with the room of every instance of <paramref name="members"/> and all of their rules.</summary>
    private PlacementRequest Request(Project project, string group, IReadOnlyList<ComposeService> members)
    {
        var apps = members.Select(s => (App: ServiceApps.For(project.Tenant, project.Name, s, time.GetUtcNow()), s.Replicas)).ToList();
        return new PlacementRequest(
            ServiceApps.IdOf(project.Name, group),
            apps.Sum(a => a.App.MemoryMb * a.Replicas),
            apps.Sum(a => a.App.CpuShares * a.Replicas))
        {
            Strategy = members.Select(s => s.Berth.Strategy).FirstOrDefault(s => s is not null),
            Constraints = ConstraintParser.ParseAll([.. members.SelectMany(s => s.Berth.Constraints).Distinct(StringComparer.Ordinal)]),
        };
    }

    /// <summary>The host the group's unchanged members are pinned to, or null when none of them runs.</summary>
    private async Task<string?> HostOfAsync(Project project, IEnumerable<ComposeService> unchanged, CancellationToken cancellationToken)
    {
        foreach (var service in unchanged)
        {
            if (await store.GetAppAsync(ServiceApps.IdOf(project.Name, service.Name), cancellationToken) is { Placement.Host: { } host, ActiveVersion: not null })
            {
                return host;
            }
        }

        return null;
    }
}

using Berth.ControlPlane.Execution;
using Berth.Core.Apps;
using Berth.Core.Instances;
using Berth.Core.State;
using Berth.Projects.Compose;
using Berth.Projects.Planning;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// Service names across hosts. A project's network, where each service answers to its name, exists on each host
/// separately; so when a new container of a service lands on a host where a service its environment names
/// (<c>http://api:8080</c>) has no running instance, that <c>name:port</c> is written as the published address of one
/// of its instances on another host (its host's advertise address and host port). Spread over the dependency's
/// instances by the dependent instance's id. The project deploy rolls such dependents again when the dependency is
/// redeployed, since its instances' addresses change (<see cref="MustRollAsync"/>).
/// </summary>
internal sealed class ProjectAddresses(IStateStore store) : IInstanceEnvironment
{
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(App app, Instance instance, CancellationToken cancellationToken)
    {
        if (app.Project is not { } service)
        {
            return new Dictionary<string, string>();
        }

        var addresses = new Dictionary<(string, int), string>();
        foreach (var (name, port) in ServiceReferences.In(app.Env))
        {
            if (name == service.Service || await DependencyAsync(app, name, port, cancellationToken) is not { } dependency)
            {
                continue;
            }

            var running = await RunningAsync(dependency, cancellationToken);
            if (running.Count > 0 && running.All(i => i.HostName != instance.HostName))
            {
                addresses[(name, port)] = running[(int)(Spread(instance.Id) % (uint)running.Count)].Address;
            }
        }

        return addresses.Count == 0 ? new Dictionary<string, string>() : ServiceReferences.Rewrite(app.Env, (name, port) => addresses.GetValueOrDefault((name, port)));
    }

    /// <summary>The hosts each service's running instances are on now, by service name.</summary>
    public async Task<Dictionary<string, HashSet<string>>> HostsAsync(string project, IEnumerable<string> services, CancellationToken cancellationToken)
    {
        var hosts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var name in services)
        {
            var instances = await store.ListInstancesAsync(ServiceApps.IdOf(project, name), cancellationToken);
            hosts[name] = [.. instances.Where(i => i.State == InstanceState.Running).Select(i => i.HostName)];
        }

        return hosts;
    }

    /// <summary>
    /// True when <paramref name="service"/>, unchanged, names a service this deploy redeployed and one of its instances
    /// is (or was, before the deploy) on a host without that service: its containers hold the old addresses, or need
    /// addresses now.
    /// </summary>
    public async Task<bool> MustRollAsync(
        string project, ComposeService service, IReadOnlySet<string> redeployed, Dictionary<string, HashSet<string>> before, CancellationToken cancellationToken)
    {
        var named = ServiceReferences.In(service.Environment).Select(r => r.Service).Where(redeployed.Contains).Distinct().ToList();
        if (named.Count == 0)
        {
            return false;
        }

        var now = await HostsAsync(project, named.Append(service.Name), cancellationToken);
        return named.Any(dependency => !now[service.Name].IsSubsetOf(now[dependency])
            || !now[service.Name].IsSubsetOf(before.GetValueOrDefault(dependency) ?? []));
    }

    /// <summary>The app of the project's service <paramref name="name"/> when it listens on <paramref name="port"/>.</summary>
    private async Task<App?> DependencyAsync(App app, string name, int port, CancellationToken cancellationToken) =>
        await store.GetAppAsync(ServiceApps.IdOf(app.Project!.Project, name), cancellationToken) is { } other
            && other.Tenant == app.Tenant && other.Project?.Project == app.Project.Project && other.Port == port
            ? other
            : null;

    /// <summary>Running instances of the active version (any running ones while it has none), in a stable order.</summary>
    private async Task<List<Instance>> RunningAsync(App app, CancellationToken cancellationToken)
    {
        var running = (await store.ListInstancesAsync(app.Id, cancellationToken)).Where(i => i.State == InstanceState.Running).ToList();
        var active = running.Where(i => i.Version == app.ActiveVersion).ToList();
        return [.. (active.Count > 0 ? active : running).OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    /// <summary>A hash of the id that is the same in every process (string hashes are randomized per process).</summary>
    private static uint Spread(string id)
    {
        uint hash = 2166136261;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}

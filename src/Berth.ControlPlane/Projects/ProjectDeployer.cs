using System.Collections.Concurrent;
using Berth.ControlPlane.Deployments;
using Berth.Core.Apps;
using Berth.Core.Events;
using Berth.Core.Projects;
using Berth.Core.State;
using Berth.Projects.Compose;
using Berth.Projects.Planning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// Carries out a project deploy: services in the order of their <c>depends_on</c> (a wave starts once every earlier
/// one succeeded, which for Berth means healthy, or for a one-shot service ran to completion with exit code 0), each changed or new service through <see cref="ServiceDeployments"/>
/// as a rolling deployment of version <c>r{revision}</c>, unchanged ones left running. If a service fails, what this
/// deploy changed is returned to the running revision, so that revision keeps running as a whole.
/// </summary>
internal sealed partial class ProjectDeployer(
    IProjectStore projects,
    IStateStore store,
    AppLifecycle lifecycle,
    ServiceDeployments deployments,
    OneShotRunner oneShots,
    ProjectAddresses addresses,
    ServiceGateway gateway,
    GroupPlacement groups,
    ProjectEvents events,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ProjectDeployer> logger)
{
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>True while a deploy, rollback or delete of the project runs.</summary>
    public bool IsBusy(string project) => _running.ContainsKey(project);

    /// <summary>Starts <paramref name="work"/> in the background unless the project is busy; null when it is, else the work's task.</summary>
    public Task? TryStart(string project, Func<CancellationToken, Task> work)
    {
        var gate = new TaskCompletionSource();
        if (!_running.TryAdd(project, gate.Task))
        {
            return null;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await work(lifetime.ApplicationStopping);
            }
            catch (Exception e)
            {
                LogUnexpected(logger, e, project);
            }
            finally
            {
                _running.TryRemove(project, out _);
                gate.SetResult();
            }
        }, CancellationToken.None);
        return gate.Task;
    }

    /// <summary>Deploys <paramref name="next"/> as the project's next revision, recording how it went on the project.</summary>
    public async Task DeployAsync(Project project, ComposeProject next, string compose, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        var revision = project.Revision + 1;
        var changes = ProjectDiff.Between(ProjectViews.Running(project), next).ToDictionary(c => c.Service, StringComparer.Ordinal);
        var done = new List<(ComposeService Service, App? Before)>();
        foreach (var warning in warnings)
        {
            await events.RecordAsync(project.Name, AppEventType.KeyIgnored, $"revision {revision}: {warning}");
        }

        try
        {
            // Every group's host before anything starts, so a group that fits nowhere leaves nothing half-started.
            var (hosts, unplaced) = await groups.PlaceAsync(project, next, changes, cancellationToken);
            if (unplaced is not null)
            {
                await FailAsync(project, $"revision {revision} failed, {Keeps(project)}: {unplaced}", warnings);
                return;
            }

            // Where each service ran before this deploy: a dependent on another host holds those instances' addresses.
            var before = await addresses.HostsAsync(project.Name, changes.Keys, cancellationToken);
            var redeployed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var wave in StartOrder.Waves(next.Services))
            {
                var changed = new List<ComposeService>();
                foreach (var service in wave)
                {
                    if (changes[service.Name].Kind != ChangeKind.Unchanged || await addresses.MustRollAsync(project.Name, service, redeployed, before, cancellationToken))
                    {
                        changed.Add(service);
                    }
                }

                await SetAsync(project, ProjectState.Deploying, $"revision {revision}: deploying {Names(changed)}", warnings, cancellationToken);
                var results = await Task.WhenAll(changed.Select(s => DeployServiceAsync(project, s, revision, hosts, cancellationToken)));
                done.AddRange(results.Where(r => r.Deployed).Select(r => (r.Service, r.Before)));
                redeployed.UnionWith(results.Where(r => r.Deployed && !r.Service.OneShot).Select(r => r.Service.Name));
                if (results.FirstOrDefault(r => r.Failure is not null) is { Failure: { } failure })
                {
                    await RevertAsync(project, done, CancellationToken.None);
                    await FailAsync(project, $"revision {revision} failed, {Keeps(project)}: {failure}", warnings);
                    return;
                }
            }

            foreach (var removed in changes.Values.Where(c => c.Kind == ChangeKind.Removed))
            {
                await DeleteServiceAsync(project, removed.Service, cancellationToken);
            }

            var updated = changes.Values.Count(c => c.Kind != ChangeKind.Unchanged);
            var rolled = done.Count(d => changes[d.Service.Name].Kind == ChangeKind.Unchanged);
            var reason = $"revision {revision}: {updated} of {next.Services.Count} service(s) changed"
                + (rolled == 0 ? "" : $", {rolled} rolled for the new addresses of services on other hosts");
            await events.RecordAsync(project.Name, AppEventType.RevisionDeployed, reason);
            await projects.UpdateProjectAsync(project with
            {
                Revision = revision,
                Compose = compose,
                PreviousCompose = project.Compose.Length == 0 ? null : project.Compose,
                State = ProjectState.Running,
                Reason = reason,
                Warnings = warnings,
                UpdatedAt = time.GetUtcNow(),
            }, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailAsync(project, $"Berth stopped before revision {revision} was deployed", warnings);
        }
    }

    /// <summary>Creates or updates the service's app and deploys it; the failure says which service and why.</summary>
    private async Task<(ComposeService Service, App? Before, bool Deployed, string? Failure)> DeployServiceAsync(
        Project project, ComposeService service, int revision, IReadOnlyDictionary<string, string> groupHosts, CancellationToken cancellationToken)
    {
        var definition = ServiceApps.For(project.Tenant, project.Name, service, time.GetUtcNow());
        if (service.Berth.Group is { } group && groupHosts.TryGetValue(group, out var host))
        {
            definition = definition with { Placement = definition.Placement with { Host = host } };
        }

        var before = await store.GetAppAsync(definition.Id, cancellationToken);
        if (before is not null && !IsServiceOf(before, project))
        {
            return (service, null, false, $"service '{service.Name}': app id '{definition.Id}' is taken by an app outside this project");
        }

        try
        {
            var app = definition;
            if (before is null)
            {
                await lifecycle.CreateAsync(definition, cancellationToken);
            }
            else
            {
                app = ServiceApps.WithDefinition(before, definition, ServiceApps.VersionOf(revision));
                await store.UpdateAppAsync(app, cancellationToken);
            }

            await gateway.ApplyAsync(app, service, cancellationToken);
            if (service.OneShot)
            {
                return (service, before, true, await RunOnceAsync(app, service, revision, cancellationToken));
            }

            var deployment = await deployments.ReplaceAsync(app, ServiceApps.VersionOf(revision), service.Replicas, cancellationToken);
            return deployment.State == DeploymentState.Succeeded
                ? (service, before, true, null)
                : (service, before, true, $"service '{service.Name}': {deployment.Reason}");
        }
        catch (Exception e) when (e is ConflictException or KeyNotFoundException)
        {
            return (service, before, true, $"service '{service.Name}': {e.Message}");
        }
    }

    /// <summary>
    /// Runs a one-shot service to completion; on success its app records the revision as its version, with no
    /// instance wanted, so nothing starts it again. Null when it succeeded, else why not.
    /// </summary>
    private async Task<string?> RunOnceAsync(App app, ComposeService service, int revision, CancellationToken cancellationToken)
    {
        var version = ServiceApps.VersionOf(revision);
        if (await oneShots.RunAsync(app, version, cancellationToken) is { } failure)
        {
            return $"service '{service.Name}': {failure}";
        }

        await store.UpdateAppAsync(app with { ActiveVersion = version, PreviousVersion = app.ActiveVersion, Instances = 0 }, cancellationToken);
        return null;
    }

    /// <summary>True for an app that is one of the project's services; any other app is never changed or deleted by it.</summary>
    public static bool IsServiceOf(App app, Project project) => app.Tenant == project.Tenant && app.Project?.Project == project.Name;

    /// <summary>Returns every service this deploy touched to what ran before: the old definition and version, or no app.</summary>
    private async Task RevertAsync(Project project, List<(ComposeService Service, App? Before)> done, CancellationToken cancellationToken)
    {
        var oneShots = ProjectViews.Running(project)?.Services.Where(s => s.OneShot).Select(s => s.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (service, before) in done)
        {
            var id = ServiceApps.IdOf(project.Name, service.Name);
            if (before?.ActiveVersion is not { } version)
            {
                await DeleteServiceAsync(project, service.Name, cancellationToken);
                continue;
            }

            if (await store.GetAppAsync(id, cancellationToken) is { } current)
            {
                var restored = ServiceApps.WithDefinition(current, before);
                if (oneShots.Contains(service.Name))
                {
                    // It ran to completion then: nothing runs to roll back, and running it again would repeat its work.
                    await store.UpdateAppAsync(restored with { ActiveVersion = version, PreviousVersion = before.PreviousVersion, Instances = 0 }, cancellationToken);
                    continue;
                }

                await store.UpdateAppAsync(restored, cancellationToken);
                // A base image's server was stopped before its new version started: when that failed, it starts again.
                if (current.ActiveVersion != version || current.Instances < before.Instances)
                {
                    await deployments.ReplaceAsync(restored, version, Math.Max(before.Instances, 1), cancellationToken);
                }
            }
        }
    }

    /// <summary>Deletes the service's app with everything it holds (containers, ports, discovery, domains).</summary>
    public async Task DeleteServiceAsync(Project project, string service, CancellationToken cancellationToken)
    {
        if (await store.GetAppAsync(ServiceApps.IdOf(project.Name, service), cancellationToken) is { } app && IsServiceOf(app, project))
        {
            await gateway.RemoveAsync(app, cancellationToken);
            await lifecycle.DeleteAsync(app, cancellationToken);
        }
    }

    private Task SetAsync(Project project, ProjectState state, string reason, IReadOnlyList<string> warnings, CancellationToken cancellationToken) =>
        projects.UpdateProjectAsync(project with { State = state, Reason = reason, Warnings = warnings, UpdatedAt = time.GetUtcNow() }, cancellationToken);

    private async Task FailAsync(Project project, string reason, IReadOnlyList<string> warnings)
    {
        // The event first: whoever sees the project failed finds it among the events.
        await events.RecordAsync(project.Name, AppEventType.RevisionFailed, reason);
        await SetAsync(project, ProjectState.Failed, reason, warnings, CancellationToken.None);
    }

    private static string Keeps(Project project) =>
        project.Revision == 0 ? "nothing runs" : $"revision {project.Revision} keeps running";

    private static string Names(List<ComposeService> services) => services.Count == 0 ? "nothing" : string.Join(", ", services.Select(s => s.Name));

    [LoggerMessage(Level = LogLevel.Error, Message = "Project {Project}: unexpected error")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string project);
}

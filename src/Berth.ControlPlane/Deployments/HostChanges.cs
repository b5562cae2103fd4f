using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Deployments;

/// <summary>
/// What the control plane does by itself when a host joins or its labels or drain flag change: a reconciling
/// deployment of the active version of every global app and of every app with instances on the host. The runner
/// then places global apps on the host if it is eligible, and moves instances off it if it no longer is (a canary's too).
/// </summary>
internal sealed partial class HostChanges(IStateStore store, DeploymentCoordinator coordinator, TimeProvider time, ILogger<HostChanges> logger)
{
    /// <summary>Starts the reconciling deployments and returns them; <paramref name="why"/> is their first reason.</summary>
    public async Task<IReadOnlyList<Deployment>> ReconcileAsync(string hostName, string why, CancellationToken cancellationToken)
    {
        var onHost = (await store.ListInstancesAsync(null, cancellationToken)).Where(i => i.HostName == hostName).Select(i => i.AppId).ToHashSet();
        var apps = (await store.ListAppsAsync(null, cancellationToken))
            .Where(app => app.ActiveVersion is not null && (app.Placement.Global || onHost.Contains(app.Id)));
        var started = new List<Deployment>();
        foreach (var app in apps)
        {
            var now = time.GetUtcNow();
            var deployment = new Deployment
            {
                Id = "d-" + Guid.NewGuid().ToString("N")[..12],
                AppId = app.Id,
                Version = app.ActiveVersion!,
                Instances = Math.Max(app.Instances, 1),
                Reason = why,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await store.CreateDeploymentAsync(deployment, cancellationToken);
            coordinator.Start(app.Id, deployment.Id);
            started.Add(deployment);
        }
        LogReconciling(logger, why, started.Count);
        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Why}: reconciling {Apps} app(s)")]
    private static partial void LogReconciling(ILogger logger, string why, int apps);
}

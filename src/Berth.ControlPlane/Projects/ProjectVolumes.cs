using Berth.ControlPlane.Execution;
using Berth.Core.Projects;
using Berth.Core.Runtime;
using Berth.Core.State;
using Berth.Projects.Compose;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// Removes a deleted project's named volumes. The engine keeps a local volume on every host that ran a container
/// mounting it, so each host is asked; one that cannot be reached keeps its copy, and the log says so.
/// </summary>
internal sealed partial class ProjectVolumes(IStateStore store, HostEngines engines, ILogger<ProjectVolumes> logger)
{
    /// <summary>Removes the volumes of the running and the previous revision from every host; call once no container uses them.</summary>
    public async Task RemoveAsync(Project project, CancellationToken cancellationToken)
    {
        var names = new[] { project.Compose, project.PreviousCompose }
            .Where(text => !string.IsNullOrEmpty(text))
            .Select(text => ComposeParser.Parse(text!, new ComposeParseOptions { AllowIgnored = true, ProjectName = project.Name }).Project)
            .SelectMany(parsed => parsed?.Volumes ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            return;
        }

        foreach (var usage in await store.ListHostUsageAsync(cancellationToken))
        {
            if (engines.For(usage.Host) is not IVolumes volumes)
            {
                continue;
            }

            foreach (var name in names.Select(n => BerthNetworks.VolumeOf(project.Tenant, project.Name, n)))
            {
                try
                {
                    await volumes.RemoveVolumeAsync(name, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogKept(logger, name, usage.Host.Name, e.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {Volume} of a deleted project stays on host {Host}: {Reason}")]
    private static partial void LogKept(ILogger logger, string volume, string host, string reason);
}

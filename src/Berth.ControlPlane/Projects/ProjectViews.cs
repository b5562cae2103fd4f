using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.Core.Projects;
using Berth.Core.State;
using Berth.Projects.Compose;
using Berth.Projects.Planning;

namespace Berth.ControlPlane.Projects;

/// <summary>Builds <see cref="ProjectView"/>s from a project's running compose text and its services' apps.</summary>
internal static class ProjectViews
{
    public static async Task<ProjectView> ForAsync(Project project, IStateStore store, CancellationToken cancellationToken)
    {
        var services = new List<ProjectServiceView>();
        foreach (var service in Running(project)?.Services ?? [])
        {
            var id = ServiceApps.IdOf(project.Name, service.Name);
            var app = await store.GetAppAsync(id, cancellationToken);
            services.Add(new ProjectServiceView(
                service.Name, id, $"{service.Image}:{service.Tag}", service.Port, service.Published, app?.ActiveVersion, app?.Instances ?? 0,
                [.. service.DependsOn.Select(d => new ProjectDependencyView(d.Service, ConditionName(d.Condition)))]));
        }

        return new ProjectView(
            project.Name, project.Tenant, project.Revision, WireNames.Of(project.State), project.Reason, project.Warnings, services, project.CreatedAt, project.UpdatedAt);
    }

    /// <summary>The running revision as parsed, or null before the first deploy succeeded.</summary>
    public static ComposeProject? Running(Project project) =>
        project.Compose.Length == 0 ? null : ComposeParser.Parse(project.Compose, new ComposeParseOptions { AllowIgnored = true }).Project;

    public static ProjectChangeView Change(ServiceChange change) =>
        new(change.Service, change.Kind.ToString().ToLowerInvariant(), change.Keys);

    private static string ConditionName(DependencyCondition condition) => condition switch
    {
        DependencyCondition.Healthy => "service_healthy",
        DependencyCondition.CompletedSuccessfully => "service_completed_successfully",
        _ => "service_started",
    };
}

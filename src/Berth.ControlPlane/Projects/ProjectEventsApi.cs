using Berth.Contracts;
using Berth.ControlPlane.Apis;
using Berth.ControlPlane.Apis.Views;
using Berth.Core.Projects;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Projects;

/// <summary><c>GET /v1/projects/{name}/events</c>: the project's own events, oldest first (its services' are their apps').</summary>
internal static class ProjectEventsApi
{
    public static RouteGroupBuilder MapProjectEventsApi(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{name}/events", ListAsync);
        return projects;
    }

    private static async Task<Results<Ok<AppEventView[]>, ProblemHttpResult>> ListAsync(string name, HttpContext context, IProjectStore projects, IEventStore events)
    {
        if (await ProjectsApi.FindOwnedAsync(projects, name, context) is not { } project)
        {
            return ProjectsApi.NotFound(name);
        }

        var found = await events.ListLatestEventsAsync(ProjectEvents.Key(name), EventsApi.DefaultLimit, context.RequestAborted);
        // A project created again under the name of a deleted one never shows the old one's events.
        return TypedResults.Ok(found.Where(e => e.Time >= project.CreatedAt).Select(AppEventView.From).ToArray());
    }
}

using Berth.Contracts;
using Berth.ControlPlane.Apis;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.Core.Apps;
using Berth.Core.Projects;
using Berth.Core.State;
using Berth.Projects.Compose;
using Berth.Projects.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Projects;

/// <summary>
/// <c>/v1/projects</c>: deploy a compose file (YAML body) as a project, see what a deploy would change, list, show,
/// roll back and delete. A project name is taken for every tenant (its services' app ids are); another tenant's
/// project reads as missing.
/// </summary>
internal static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder v1)
    {
        var projects = v1.MapGroup("/projects");
        projects.MapGet("/", ListAsync);
        projects.MapGet("/{name}", GetAsync);
        projects.MapPut("/{name}", DeployAsync);
        projects.MapPost("/{name}/diff", DiffAsync);
        projects.MapPost("/{name}/rollback", RollbackAsync);
        projects.MapDelete("/{name}", DeleteAsync);
        projects.MapProjectEventsApi();
        return v1;
    }

    private static async Task<Ok<ProjectView[]>> ListAsync(HttpContext context, IProjectStore projects, IStateStore store)
    {
        var caller = Caller.From(context.User);
        var views = new List<ProjectView>();
        foreach (var project in await projects.ListProjectsAsync(caller.IsAdmin ? null : caller.Tenant, context.RequestAborted))
        {
            views.Add(await ProjectViews.ForAsync(project, store, context.RequestAborted));
        }

        return TypedResults.Ok(views.ToArray());
    }

    private static async Task<Results<Ok<ProjectView>, ProblemHttpResult>> GetAsync(string name, HttpContext context, IProjectStore projects, IStateStore store) =>
        await FindOwnedAsync(projects, name, context) is { } project
            ? TypedResults.Ok(await ProjectViews.ForAsync(project, store, context.RequestAborted))
            : NotFound(name);

    private static async Task<Results<Accepted<ProjectView>, ProblemHttpResult>> DeployAsync(
        string name, bool? allowIgnored, HttpContext context, IProjectStore projects, IStateStore store, ProjectDeployer deployer, ProjectAdmission admission, TimeProvider time)
    {
        var (compose, parsed, problem) = await ReadComposeAsync(name, allowIgnored ?? false, context);
        if (problem is not null)
        {
            return problem;
        }

        var caller = Caller.From(context.User);
        var project = await projects.GetProjectAsync(name, context.RequestAborted);
        if (project is not null && !caller.Owns(project))
        {
            return Problems.Conflict($"project name '{name}' is taken");
        }

        project ??= new Project { Name = name, Tenant = caller.Tenant, CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
        if (await admission.RefuseAsync(project, parsed!.Project!, caller, context.RequestAborted) is { } refused)
        {
            return refused;
        }

        return await StartAsync(project, parsed.Project!, compose!, [.. parsed.Ignored.Select(i => i.ToString())], projects, deployer, time, context);
    }

    private static async Task<Results<Ok<ProjectDiffView>, ProblemHttpResult>> DiffAsync(string name, bool? allowIgnored, HttpContext context, IProjectStore projects)
    {
        var (_, parsed, problem) = await ReadComposeAsync(name, allowIgnored ?? false, context);
        if (problem is not null)
        {
            return problem;
        }

        var project = await projects.GetProjectAsync(name, context.RequestAborted);
        if (project is not null && !Caller.From(context.User).Owns(project))
        {
            return Problems.Conflict($"project name '{name}' is taken");
        }

        var running = project is null ? null : ProjectViews.Running(project);
        var changes = ProjectDiff.Between(running, parsed!.Project!).Select(ProjectViews.Change).ToArray();
        return TypedResults.Ok(new ProjectDiffView(name, project?.Revision ?? 0, changes, [.. parsed.Ignored.Select(i => i.ToString())]));
    }

    private static async Task<Results<Accepted<ProjectView>, ProblemHttpResult>> RollbackAsync(
        string name, HttpContext context, IProjectStore projects, ProjectDeployer deployer, TimeProvider time)
    {
        if (await FindOwnedAsync(projects, name, context) is not { } project)
        {
            return NotFound(name);
        }

        if (project.PreviousCompose is not { } previous)
        {
            return Problems.Conflict($"project '{name}' has no previous revision to roll back to");
        }

        var parsed = ComposeParser.Parse(previous, new ComposeParseOptions { AllowIgnored = true, ProjectName = name });
        return await StartAsync(project, parsed.Project!, previous, [.. parsed.Ignored.Select(i => i.ToString())], projects, deployer, time, context);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, HttpContext context, IProjectStore projects, IStateStore store, ProjectDeployer deployer, ProjectVolumes volumes, IEventStore events, TimeProvider time)
    {
        if (await FindOwnedAsync(projects, name, context) is not { } project)
        {
            return NotFound(name);
        }

        var deleting = deployer.TryStart(name, async token =>
        {
            project = project with { State = ProjectState.Deleting, UpdatedAt = time.GetUtcNow() };
            await projects.UpdateProjectAsync(project, token);
            foreach (var app in (await store.ListAppsAsync(project.Tenant, token)).Where(a => ProjectDeployer.IsServiceOf(a, project)))
            {
                await deployer.DeleteServiceAsync(project, app.Project!.Service, token);
            }

            await volumes.RemoveAsync(project, token);
            await events.DeleteEventsAsync(ProjectEvents.Key(name), token);
            await projects.DeleteProjectAsync(name, token);
        });
        if (deleting is null)
        {
            return Problems.Conflict($"project '{name}' is being deployed; delete it once that ended");
        }

        await deleting;
        return await projects.GetProjectAsync(name, context.RequestAborted) is null
            ? TypedResults.NoContent()
            : Problems.Conflict($"project '{name}' could not be deleted completely; its services left are listed by GET /v1/projects/{name}");
    }

    /// <summary>Marks the project deploying and starts the deploy in the background: 202 with where to follow it.</summary>
    private static async Task<Results<Accepted<ProjectView>, ProblemHttpResult>> StartAsync(
        Project project, ComposeProject next, string compose, IReadOnlyList<string> warnings, IProjectStore projects, ProjectDeployer deployer, TimeProvider time, HttpContext context)
    {
        if (deployer.IsBusy(project.Name))
        {
            return Problems.Conflict($"project '{project.Name}' is being deployed or deleted; try again once that ended");
        }

        project = project with { State = ProjectState.Deploying, Reason = $"revision {project.Revision + 1} accepted", Warnings = warnings, UpdatedAt = time.GetUtcNow() };
        try
        {
            if (project.Revision == 0 && await projects.GetProjectAsync(project.Name, context.RequestAborted) is null)
            {
                await projects.CreateProjectAsync(project, context.RequestAborted);
            }
            else
            {
                await projects.UpdateProjectAsync(project, context.RequestAborted);
            }
        }
        catch (ConflictException)
        {
            return Problems.Conflict($"project name '{project.Name}' is taken");
        }

        if (deployer.TryStart(project.Name, token => deployer.DeployAsync(project, next, compose, warnings, token)) is null)
        {
            return Problems.Conflict($"project '{project.Name}' is being deployed or deleted; try again once that ended");
        }

        var view = new ProjectView(project.Name, project.Tenant, project.Revision, WireNames.Of(project.State), project.Reason, warnings, [], project.CreatedAt, project.UpdatedAt);
        return TypedResults.Accepted($"/v1/projects/{project.Name}", view);
    }

    /// <summary>The request's compose text and what it parses to, or the 400 that says what is wrong where.</summary>
    private static async Task<(string? Text, ComposeParseResult? Parsed, ProblemHttpResult? Problem)> ReadComposeAsync(string name, bool allowIgnored, HttpContext context)
    {
        if (!AppId.IsValid(name) || name.Length > 30)
        {
            return (null, null, Problems.BadRequest("a project name is 1-30 lowercase letters, digits or hyphens, not starting or ending with a hyphen"));
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var parsed = ComposeParser.Parse(text, new ComposeParseOptions { ProjectName = name, AllowIgnored = allowIgnored });
        if (!parsed.Succeeded)
        {
            var problem = TypedResults.Problem(
                "the compose file cannot be deployed:\n" + string.Join("\n", parsed.Errors),
                statusCode: StatusCodes.Status400BadRequest,
                title: "Bad request",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = parsed.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToArray(),
                });
            return (null, null, problem);
        }

        return (text, parsed, null);
    }

    internal static async Task<Project?> FindOwnedAsync(IProjectStore projects, string name, HttpContext context) =>
        await projects.GetProjectAsync(name, context.RequestAborted) is { } project && Caller.From(context.User).Owns(project) ? project : null;

    internal static ProblemHttpResult NotFound(string name) => Problems.NotFound($"project '{name}' was not found");

    private static bool Owns(this Caller caller, Project project) => caller.IsAdmin || project.Tenant == caller.Tenant;
}

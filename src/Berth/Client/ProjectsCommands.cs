using System.CommandLine;
using Berth.Contracts;
using Berth.Core.Projects;
using Berth.Projects.Compose;

namespace Berth.Client;

/// <summary><c>berth projects deploy|diff|ls|ps|events|rollback|rm</c>: compose files run as one app per service.</summary>
internal static class ProjectsCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var projects = new Command("projects", "Projects: a compose file deployed as one app per service ({project}-{service})");
        projects.Subcommands.Add(Deploy(context));
        projects.Subcommands.Add(Diff(context));
        projects.Subcommands.Add(List(context));
        projects.Subcommands.Add(Services(context));
        projects.Subcommands.Add(Events(context));
        projects.Subcommands.Add(Rollback(context));
        projects.Subcommands.Add(Remove(context));
        return [projects];
    }

    private static Argument<string> Name() => new("NAME") { Description = "The project's name" };

    private static Option<FileInfo> File() => new("--file", "-f") { Description = "The compose file", Required = true };

    private static Option<bool> AllowIgnored() => new("--allow-ignored")
    {
        Description = "Deploy even when the file has keys Berth does not implement; they are listed as warnings",
    };

    private static Command Deploy(ClientContext context)
    {
        Argument<string> name = Name();
        Option<FileInfo> file = File();
        Option<bool> allowIgnored = AllowIgnored();
        var command = new Command("deploy", "Deploy the compose file as the project's next revision and follow it (only changed services roll)") { name, file, allowIgnored };
        context.SetAction(command, async call =>
        {
            string project = call.ParseResult.GetRequiredValue(name);
            string compose = await ReadAsync(call.ParseResult.GetRequiredValue(file), call.CancellationToken);
            ProjectView accepted = (await call.Api.DeployProjectAsync(project, compose, call.ParseResult.GetValue(allowIgnored), call.CancellationToken)).Value;
            foreach (string warning in accepted.Warnings)
            {
                await call.Out.WriteLineAsync($"warning: {warning}");
            }

            return await FollowAsync(call, project);
        });
        return command;
    }

    private static Command Diff(ClientContext context)
    {
        Argument<string> name = Name();
        Option<FileInfo> file = File();
        Option<bool> allowIgnored = AllowIgnored();
        var command = new Command("diff", "Show what deploying the compose file would change, service by service") { name, file, allowIgnored };
        context.SetAction(command, async call =>
        {
            string compose = await ReadAsync(call.ParseResult.GetRequiredValue(file), call.CancellationToken);
            ProjectDiffView diff = (await call.Api.DiffProjectAsync(
                call.ParseResult.GetRequiredValue(name), compose, call.ParseResult.GetValue(allowIgnored), call.CancellationToken)).Value;
            TablePrinter.Write(call.Out, ["SERVICE", "CHANGE", "KEYS"],
                diff.Changes.Select(c => (IReadOnlyList<string>)[c.Service, c.Change, c.Keys.Count == 0 ? "-" : string.Join(", ", c.Keys)]));
            foreach (string warning in diff.Warnings)
            {
                await call.Out.WriteLineAsync($"warning: {warning}");
            }

            return 0;
        });
        return command;
    }

    private static Command List(ClientContext context)
    {
        Option<bool> json = CommonOptions.Json();
        var command = new Command("ls", "List your projects") { json };
        context.SetAction(command, async call =>
        {
            ApiResponse<IReadOnlyList<ProjectView>> response = await call.Api.ListProjectsAsync(call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(call.Out, ["NAME", "REVISION", "STATE", "SERVICES", "REASON"],
                response.Value.Select(p => (IReadOnlyList<string>)[p.Name, p.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    p.State.ToString().ToLowerInvariant(), p.Services.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Reason ?? "-"]));
            return 0;
        });
        return command;
    }

    private static Command Services(ClientContext context)
    {
        Argument<string> name = Name();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("ps", "List the project's services: app, image, version, instances, what each waits for") { name, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<ProjectView> response = await call.Api.GetProjectAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            ProjectView project = response.Value;
            await call.Out.WriteLineAsync($"{project.Name}: revision {project.Revision}, {project.State.ToLowerInvariant()}{(project.Reason is null ? "" : $" ({project.Reason})")}");
            TablePrinter.Write(call.Out, ["SERVICE", "APP", "IMAGE", "PORT", "GATEWAY", "VERSION", "INSTANCES", "DEPENDS ON"],
                project.Services.Select(s => (IReadOnlyList<string>)[s.Name, s.App, s.Image, s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Published ? "routed" : "-", s.Version ?? "-", s.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.DependsOn.Count == 0 ? "-" : string.Join(", ", s.DependsOn.Select(d => $"{d.Service} ({d.Condition})"))]));
            return 0;
        });
        return command;
    }

    private static Command Events(ClientContext context)
    {
        Argument<string> name = Name();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("events", "Show what happened to the project: revisions deployed or failed (with the reason), compose keys ignored") { name, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<IReadOnlyList<AppEventView>> response = await call.Api.ListProjectEventsAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            foreach (AppEventView projectEvent in response.Value)
            {
                await call.Out.WriteLineAsync($"{Display.Time(projectEvent.Time)}  {projectEvent.Type,-17}  {projectEvent.Message}");
            }

            return 0;
        });
        return command;
    }

    private static Command Rollback(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("rollback", "Return every service to the previous revision, and follow it") { name };
        context.SetAction(command, async call =>
        {
            string project = call.ParseResult.GetRequiredValue(name);
            await call.Api.RollbackProjectAsync(project, call.CancellationToken);
            return await FollowAsync(call, project);
        });
        return command;
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("rm", "Delete the project: every service's app, containers and routes") { name };
        context.SetAction(command, async call =>
        {
            string project = call.ParseResult.GetRequiredValue(name);
            await call.Api.DeleteProjectAsync(project, call.CancellationToken);
            await call.Out.WriteLineAsync($"Project {project} deleted.");
            return 0;
        });
        return command;
    }

    /// <summary>The compose file with its <c>env_file</c>s read (relative to the file) and merged into each service's environment.</summary>
    private static async Task<string> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        string text = await System.IO.File.ReadAllTextAsync(file.FullName, cancellationToken);
        return EnvFileInliner.Inline(text, path => System.IO.File.ReadAllText(Path.Combine(file.DirectoryName ?? ".", path)));
    }

    /// <summary>Prints the project's progress until its deploy ended; 1 when it failed.</summary>
    private static async Task<int> FollowAsync(ClientInvocation call, string name)
    {
        string? last = null;
        while (true)
        {
            ProjectView project = (await call.Api.GetProjectAsync(name, call.CancellationToken)).Value;
            if (project.Reason != last && project.Reason is not null)
            {
                await call.Out.WriteLineAsync($"{project.State.ToString().ToLowerInvariant()}: {project.Reason}");
                last = project.Reason;
            }

            if (project.State is ProjectStates.Running or ProjectStates.Failed)
            {
                return project.State == ProjectStates.Running ? 0 : ClientContext.Failure;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), call.CancellationToken);
        }
    }
}

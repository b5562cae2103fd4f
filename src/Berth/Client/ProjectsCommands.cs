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
        Option<bool> json = CommonOptions.Json();
        var command = new Command("deploy", "Deploy the compose file as the project's next revision and follow it (only changed services roll)") { name, file, allowIgnored, json };
        context.SetAction(command, async call =>
        {
            string project = call.ParseResult.GetRequiredValue(name);
            string compose = await ReadAsync(call.ParseResult.GetRequiredValue(file), call.CancellationToken);
            ProjectView accepted = (await call.Api.DeployProjectAsync(project, compose, call.ParseResult.GetValue(allowIgnored), call.CancellationToken)).Value;
            bool asJson = call.ParseResult.GetValue(json);
            // With --json the warnings are in the project's JSON printed at the end.
            TextWriter progress = asJson ? TextWriter.Null : call.Out;
            foreach (string warning in accepted.Warnings)
            {
                await progress.WriteLineAsync($"warning: {warning}");
            }

            return await FollowAsync(call, project, asJson);
        });
        return command;
    }

    private static Command Diff(ClientContext context)
    {
        Argument<string> name = Name();
        Option<FileInfo> file = File();
        Option<bool> allowIgnored = AllowIgnored();
        var command = new Command("diff", "Show what deploying the compose file would change, service by service") { name, file, allowIgnored };
        context.SetAnswerAction(
            command,
            async call => await call.Api.DiffProjectAsync(
                call.ParseResult.GetRequiredValue(name),
                await ReadAsync(call.ParseResult.GetRequiredValue(file), call.CancellationToken),
                call.ParseResult.GetValue(allowIgnored),
                call.CancellationToken),
            (call, diff) =>
            {
                TablePrinter.Write(call.Out, ["SERVICE", "CHANGE", "KEYS"],
                    diff.Changes.Select(c => (IReadOnlyList<string>)[c.Service, c.Change, c.Keys.Count == 0 ? "-" : string.Join(", ", c.Keys)]));
                foreach (string warning in diff.Warnings)
                {
                    call.Out.WriteLine($"warning: {warning}");
                }
            });
        return command;
    }

    private static Command List(ClientContext context)
    {
        var command = new Command("ls", "List your projects");
        context.SetAnswerAction(command, call => call.Api.ListProjectsAsync(call.CancellationToken), (call, projects) =>
            TablePrinter.Write(call.Out, ["NAME", "REVISION", "STATE", "SERVICES", "REASON"],
                projects.Select(p => (IReadOnlyList<string>)[p.Name, p.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    p.State.ToString().ToLowerInvariant(), p.Services.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Reason ?? "-"])));
        return command;
    }

    private static Command Services(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("ps", "List the project's services: app, image, version, instances, what each waits for") { name };
        context.SetAnswerAction(command, call => call.Api.GetProjectAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), (call, project) =>
        {
            call.Out.WriteLine($"{project.Name}: revision {project.Revision}, {project.State.ToLowerInvariant()}{(project.Reason is null ? "" : $" ({project.Reason})")}");
            TablePrinter.Write(call.Out, ["SERVICE", "APP", "IMAGE", "PORT", "GATEWAY", "VERSION", "INSTANCES", "DEPENDS ON"],
                project.Services.Select(s => (IReadOnlyList<string>)[s.Name, s.App, s.Image, s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Published ? "routed" : "-", s.Version ?? "-", s.Instances.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.DependsOn.Count == 0 ? "-" : string.Join(", ", s.DependsOn.Select(d => $"{d.Service} ({d.Condition})"))]));
        });
        return command;
    }

    private static Command Events(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("events", "Show what happened to the project: revisions deployed or failed (with the reason), compose keys ignored") { name };
        context.SetAnswerAction(command, call => call.Api.ListProjectEventsAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), (call, events) =>
        {
            foreach (AppEventView projectEvent in events)
            {
                call.Out.WriteLine($"{Display.Time(projectEvent.Time)}  {projectEvent.Type,-17}  {projectEvent.Message}");
            }
        });
        return command;
    }

    private static Command Rollback(ClientContext context)
    {
        Argument<string> name = Name();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("rollback", "Return every service to the previous revision, and follow it") { name, json };
        context.SetAction(command, async call =>
        {
            string project = call.ParseResult.GetRequiredValue(name);
            await call.Api.RollbackProjectAsync(project, call.CancellationToken);
            return await FollowAsync(call, project, call.ParseResult.GetValue(json));
        });
        return command;
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("rm", "Delete the project: every service's app, containers and routes") { name };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(call.Api.DeleteProjectAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), "project", ("project", call.ParseResult.GetRequiredValue(name))),
            (call, _) => call.Out.WriteLine($"Project {call.ParseResult.GetRequiredValue(name)} deleted."));
        return command;
    }

    /// <summary>The compose file with its <c>env_file</c>s read (relative to the file) and merged into each service's environment.</summary>
    private static async Task<string> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        string text = await System.IO.File.ReadAllTextAsync(file.FullName, cancellationToken);
        return EnvFileInliner.Inline(text, path => System.IO.File.ReadAllText(Path.Combine(file.DirectoryName ?? ".", path)));
    }

    /// <summary>
    /// Prints the project's progress until its deploy ended; 1 when it failed. With <paramref name="json"/> it prints
    /// nothing on the way but the project's JSON as the API gave it last.
    /// </summary>
    private static async Task<int> FollowAsync(ClientInvocation call, string name, bool json)
    {
        TextWriter progress = json ? TextWriter.Null : call.Out;
        string? last = null;
        while (true)
        {
            ApiResponse<ProjectView> answer = await call.Api.GetProjectAsync(name, call.CancellationToken);
            ProjectView project = answer.Value;
            if (project.Reason != last && project.Reason is not null)
            {
                await progress.WriteLineAsync($"{project.State.ToString().ToLowerInvariant()}: {project.Reason}");
                last = project.Reason;
            }

            if (project.State is ProjectStates.Running or ProjectStates.Failed)
            {
                if (json)
                {
                    await call.Out.WriteLineAsync(answer.Json);
                }

                return project.State == ProjectStates.Running ? 0 : ClientContext.Failure;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), call.CancellationToken);
        }
    }
}

using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth apps create|ls|show|rm</c>.</summary>
internal static class AppsCommands
{
    /// <summary>Creates the <c>apps</c> command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var apps = new Command("apps", "Create, list, show and remove apps");
        apps.Subcommands.Add(AppCreateCommand.Create(context));
        apps.Subcommands.Add(CreateList(context));
        apps.Subcommands.Add(CreateShow(context));
        apps.Subcommands.Add(CreateRemove(context));
        return [apps];
    }

    private static Command CreateList(ClientContext context)
    {
        var list = new Command("ls", "List apps");
        context.SetAnswerAction(list, call => call.Api.ListAppsAsync(call.CancellationToken), (call, apps) =>
            TablePrinter.Write(
                call.Out,
                ["ID", "TENANT", "ACTIVE", "PREVIOUS", "INSTANCES", "PORT", "MEMORY", "CREATED"],
                apps.Select(app => (IReadOnlyList<string>)
                [
                    app.Id,
                    app.Tenant,
                    Display.OrNone(app.ActiveVersion),
                    Display.OrNone(app.PreviousVersion),
                    Display.Number(app.Instances),
                    Display.Number(app.Port),
                    $"{Display.Number(app.MemoryMb)} MB",
                    Display.Time(app.CreatedAt),
                ])));
        return list;
    }

    private static Command CreateShow(ClientContext context)
    {
        Argument<string> id = CommonOptions.App();
        var show = new Command("show", "Show an app's settings and versions") { id };
        context.SetAnswerAction(show, call => call.Api.GetAppAsync(call.ParseResult.GetRequiredValue(id), call.CancellationToken), (call, app) =>
        {
            HealthCheckView? check = app.HealthCheck;
            TablePrinter.WriteFields(call.Out,
            [
                ("id", app.Id),
                ("tenant", app.Tenant),
                ("image", Display.OrNone(app.Image)),
                ("active version", Display.OrNone(app.ActiveVersion)),
                ("previous version", Display.OrNone(app.PreviousVersion)),
                ("instances", Display.Number(app.Instances)),
                ("canary", app.CanaryVersion is null ? Display.None : $"{app.CanaryVersion} with {Display.Number(app.CanaryInstances)} instance(s)"),
                ("port", Display.Number(app.Port)),
                ("memory", $"{Display.Number(app.MemoryMb)} MB"),
                ("cpu shares", Display.Number(app.CpuShares)),
                ("health check", check is null
                    ? Display.None
                    : $"GET {check.Path} every {check.IntervalSeconds}s, timeout {check.TimeoutSeconds}s, {check.Retries} retries"),
                ("on failure", Display.Name(app.OnFailure)),
                ("drain", $"{Display.Number(app.DrainSeconds)}s"),
                ("env", app.Env is { Count: > 0 } variables
                    ? string.Join('\n', variables.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"))
                    : Display.None),
                ("created", Display.Time(app.CreatedAt)),
            ]);
        });
        return show;
    }

    private static Command CreateRemove(ClientContext context)
    {
        Argument<string> id = CommonOptions.App();
        var remove = new Command("rm", "Remove an app, stopping and removing its containers") { id };
        context.SetAnswerAction(
            remove,
            call => Removed.AfterAsync(call.Api.DeleteAppAsync(call.ParseResult.GetRequiredValue(id), call.CancellationToken), "app", ("app", call.ParseResult.GetRequiredValue(id))),
            (call, _) => call.Out.WriteLine($"Removed app {call.ParseResult.GetRequiredValue(id)}"));
        return remove;
    }
}

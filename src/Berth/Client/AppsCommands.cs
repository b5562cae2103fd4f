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
        Option<bool> json = CommonOptions.Json();
        var list = new Command("ls", "List apps") { json };
        context.SetAction(list, async call =>
        {
            ApiResponse<IReadOnlyList<AppView>> response = await call.Api.ListAppsAsync(call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(
                call.Out,
                ["ID", "TENANT", "ACTIVE", "PREVIOUS", "INSTANCES", "PORT", "MEMORY", "CREATED"],
                response.Value.Select(app => (IReadOnlyList<string>)
                [
                    app.Id,
                    app.Tenant,
                    Display.OrNone(app.ActiveVersion),
                    Display.OrNone(app.PreviousVersion),
                    Display.Number(app.Instances),
                    Display.Number(app.Port),
                    $"{Display.Number(app.MemoryMb)} MB",
                    Display.Time(app.CreatedAt),
                ]));
            return 0;
        });
        return list;
    }

    private static Command CreateShow(ClientContext context)
    {
        Argument<string> id = CommonOptions.App();
        Option<bool> json = CommonOptions.Json();
        var show = new Command("show", "Show an app's settings and versions") { id, json };
        context.SetAction(show, async call =>
        {
            ApiResponse<AppView> response = await call.Api.GetAppAsync(call.ParseResult.GetRequiredValue(id), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            AppView app = response.Value;
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
            return 0;
        });
        return show;
    }

    private static Command CreateRemove(ClientContext context)
    {
        Argument<string> id = CommonOptions.App();
        var remove = new Command("rm", "Remove an app, stopping and removing its containers") { id };
        context.SetAction(remove, async call =>
        {
            string appId = call.ParseResult.GetRequiredValue(id);
            await call.Api.DeleteAppAsync(appId, call.CancellationToken);
            await call.Out.WriteLineAsync($"Removed app {appId}");
            return 0;
        });
        return remove;
    }
}

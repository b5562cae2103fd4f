using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth services create|ls|show|rm|logs|events|bind|unbind|bindings|backup|backups|restore|move</c>: managed PostgreSQL, MariaDB and Redis.</summary>
internal static class ServicesCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var services = new Command("services", "Managed PostgreSQL, MariaDB and Redis, each on a volume on its host");
        services.Subcommands.Add(CreateService(context));
        services.Subcommands.Add(List(context));
        services.Subcommands.Add(Show(context));
        services.Subcommands.Add(Remove(context));
        services.Subcommands.Add(Logs(context));
        services.Subcommands.Add(Events(context));
        services.Subcommands.Add(ServiceBindingCommands.Bind(context));
        services.Subcommands.Add(ServiceBindingCommands.Unbind(context));
        services.Subcommands.Add(ServiceBindingCommands.List(context));
        services.Subcommands.Add(ServiceBackupCommands.Backup(context));
        services.Subcommands.Add(ServiceBackupCommands.List(context));
        services.Subcommands.Add(ServiceBackupCommands.Restore(context));
        services.Subcommands.Add(Move(context));
        return [services];
    }

    private static Argument<string> Name() => new("NAME") { Description = "The service's name (a DNS label, unique)" };

    private static Command CreateService(ClientContext context)
    {
        Argument<string> name = Name();
        Option<string> type = new("--type") { Description = "postgres, mariadb or redis", Required = true };
        Option<string?> version = new("--version") { Description = "The server's version (postgres 15, mariadb 10.11, redis 7)" };
        Option<int?> memory = new("--memory") { Description = "Memory limit in MB (default 256, redis 128)" };
        Option<int?> storage = new("--storage-gb") { Description = "Storage the service needs, in GB (default 1)" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("create", "Create a service and wait until its server answers") { name, type, version, memory, storage, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<ServiceView> response = await call.Api.CreateServiceAsync(
                new CreateServiceRequest(
                    call.ParseResult.GetRequiredValue(name), call.ParseResult.GetRequiredValue(type), call.ParseResult.GetValue(version),
                    call.ParseResult.GetValue(memory), call.ParseResult.GetValue(storage)),
                call.CancellationToken);
            ServiceView service = response.Value;
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
            }
            else if (service.State == "running")
            {
                await call.Out.WriteLineAsync($"{service.Id}: {service.Type} {service.Version} running on {service.Host} at {service.Address}, data on volume {service.Volume}.");
            }

            if (service.State == "running")
            {
                return 0;
            }

            await call.Error.WriteLineAsync($"{service.Id} did not start: {service.Reason}");
            return 1;
        });
        return command;
    }

    private static Command List(ClientContext context)
    {
        var command = new Command("ls", "List your services");
        command.Aliases.Add("list");
        context.SetAnswerAction(command, call => call.Api.ListServicesAsync(call.CancellationToken), (call, services) =>
            TablePrinter.Write(call.Out, ["NAME", "TYPE", "VERSION", "STATE", "HOST", "ADDRESS", "MEMORY", "CREATED"],
                services.Select(s => (IReadOnlyList<string>)[
                    s.Id, s.Type, s.Version, s.State, s.Host, s.Address, $"{s.MemoryMb} MB", Display.Time(s.CreatedAt)])));
        return command;
    }

    private static Command Show(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("show", "Show one service") { name };
        context.SetAnswerAction(command, call => call.Api.GetServiceAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), (call, s) =>
            TablePrinter.Write(call.Out, ["FIELD", "VALUE"], new (string, string)[]
            {
                ("name", s.Id), ("type", $"{s.Type} {s.Version}"), ("state", s.State + (s.Reason is null ? "" : $" ({s.Reason})")),
                ("host", s.Host), ("address", s.Address), ("volume", s.Volume), ("memory", $"{s.MemoryMb} MB"),
                ("storage", $"{(s.UsedBytes is { } used ? Display.Bytes(used) : "not measured")} used of {s.StorageGb} GB"), ("created", Display.Time(s.CreatedAt)),
            }.Select(row => (IReadOnlyList<string>)[row.Item1, row.Item2])));
        return command;
    }

    private static Command Remove(ClientContext context)
    {
        Argument<string> name = Name();
        Option<bool> yes = new("--yes") { Description = "Do not ask for the service's name first (for scripts)" };
        Option<bool> purge = new("--purge") { Description = "Remove the volume and every backup too (otherwise the volume stays on the host and a last backup is taken and kept)" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("rm", "Remove a service (asks for its name unless --yes)") { name, yes, purge, json };
        context.SetAction(command, async call =>
        {
            string id = call.ParseResult.GetRequiredValue(name);
            bool asJson = call.ParseResult.GetValue(json);
            if (!call.ParseResult.GetValue(yes))
            {
                // With --json standard output holds only the answer, so the question goes where errors go.
                await (asJson ? call.Error : call.Out).WriteAsync($"Type the service's name ({id}) to remove it: ");
                if (Console.In.ReadLine()?.Trim() != id)
                {
                    await call.Error.WriteLineAsync("Not removed: the name did not match.");
                    return 1;
                }
            }

            bool purging = call.ParseResult.GetValue(purge);
            await call.Api.RemoveServiceAsync(id, purging, call.CancellationToken);
            await call.Out.WriteLineAsync(asJson
                ? Removed.Answer("service", ("service", id), ("purged", purging)).Json
                : purging
                    ? $"{id} removed with its data and backups."
                    : $"{id} removed; its volume stays on its host and its last backup is kept (a service created again as {id} lists and restores it).");
            return 0;
        });
        return command;
    }

    private static Command Move(ClientContext context)
    {
        Argument<string> name = Name();
        Option<string> to = new("--to") { Description = "The host to move the service to (berth hosts ls)", Required = true };
        var command = new Command("move", "Move the service to another host: its apps cut off, backup, restore there, apps rolled out again") { name, to };
        context.SetAnswerAction(
            command,
            call => call.Api.MoveServiceAsync(call.ParseResult.GetRequiredValue(name), new MoveServiceRequest(call.ParseResult.GetRequiredValue(to)), call.CancellationToken),
            (call, move) => call.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{move.Service.Id} moved from {move.From} to {move.Service.Host} at {move.Service.Address} through backup {move.Backup}; its apps were cut off for {move.DowntimeSeconds:F1} s.")));
        return command;
    }

    private static Command Logs(ClientContext context)
    {
        Argument<string> name = Name();
        Option<int?> tail = new("--tail") { Description = "Only the last N lines (default 100)" };
        var command = new Command("logs", "The server's output") { name, tail };
        context.SetAction(command, async call =>
        {
            await call.Out.WriteAsync(await call.Api.GetServiceLogsAsync(
                call.ParseResult.GetRequiredValue(name), call.ParseResult.GetValue(tail), call.CancellationToken));
            return 0;
        });
        return command;
    }

    private static Command Events(ClientContext context)
    {
        Argument<string> name = Name();
        var command = new Command("events", "What happened to the service, oldest first") { name };
        context.SetAnswerAction(command, call => call.Api.ListServiceEventsAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), (call, events) =>
            TablePrinter.Write(call.Out, ["TIME", "TYPE", "MESSAGE"], events.Select(e => (IReadOnlyList<string>)[Display.Time(e.Time), e.Type, e.Message])));
        return command;
    }
}

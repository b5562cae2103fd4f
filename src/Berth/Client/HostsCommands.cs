using System.CommandLine;
using System.Globalization;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth hosts [add|label|drain|unblock|rm|events]</c>: the engines Berth places on and how full they are (admin only).</summary>
internal static class HostsCommands
{
    /// <summary>Creates the command.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var hosts = new Command("hosts", "List hosts with their capacity and reservations (admin)");
        context.SetAnswerAction(hosts, call => call.Api.ListHostsAsync(call.CancellationToken), (call, listed) =>
        {
            TablePrinter.Write(
                call.Out,
                ["NAME", "ADVERTISE IP", "PORT RANGE", "PORTS USED", "MEMORY MB", "CPU SHARES", "INSTANCES", "ENGINE"],
                listed.Select(host => (IReadOnlyList<string>)
                [
                    host.Name,
                    host.AdvertiseIp,
                    host.PortRange,
                    Display.Number(host.PortsInUse),
                    $"{Display.Number(host.ReservedMemoryMb)}/{Display.Number(host.MemoryMb)}",
                    $"{Display.Number(host.ReservedCpuShares)}/{Display.Number(host.CpuShares)}",
                    Display.Number(host.Instances),
                    host.Engine,
                ]));
            WriteBlockedPorts(call.Out, listed);
        });
        hosts.Subcommands.Add(CreateAdd(context));
        hosts.Subcommands.Add(CreateLabel(context));
        hosts.Subcommands.Add(CreateDrain(context));
        hosts.Subcommands.Add(CreateUnblock(context));
        hosts.Subcommands.Add(CreateRemove(context));
        hosts.Subcommands.Add(CreateEvents(context));
        return [hosts];
    }

    private static Command CreateEvents(ClientContext context)
    {
        Option<bool> follow = EventsCommands.Follow();
        Option<bool> json = CommonOptions.Json();
        var events = new Command("events", "Show what happened to hosts: provisioned, refused (limit, cooldown), failed, drained, destroyed") { follow, json };
        context.SetAction(events, call =>
            EventsCommands.ShowAsync(call, (after, wait) => call.Api.ListClusterEventsAsync(after, wait, call.CancellationToken), follow, json, e => e.Host));
        return events;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = "The host's name" };

    /// <summary>Below the hosts, the ports placements skip because something outside Berth held them; nothing when there are none.</summary>
    private static void WriteBlockedPorts(TextWriter output, IReadOnlyList<HostView> hosts)
    {
        var blocked = hosts.SelectMany(host => host.BlockedPorts.Select(port => (Host: host.Name, Port: port))).ToList();
        if (blocked.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("Blocked ports, taken outside Berth ('berth hosts unblock NAME PORT' once freed):");
        TablePrinter.Write(
            output,
            ["HOST", "PORT", "UNTIL", "REASON"],
            blocked.Select(b => (IReadOnlyList<string>)
            [
                b.Host,
                Display.Number(b.Port.Port),
                Display.Time(b.Port.Until),
                Display.OrNone(b.Port.Reason.ReplaceLineEndings(" ")),
            ]));
    }

    private static Command CreateAdd(ClientContext context)
    {
        Argument<string> name = NameArgument();
        var engine = new Option<string>("--engine") { Description = "The engine: unix:///var/run/docker.sock or tcp://HOST:2376", Required = true };
        var advertiseIp = new Option<string>("--advertise-ip") { Description = "The address instances' ports are published and reached on", Required = true };
        var portRange = new Option<string?>("--port-range") { Description = "Host ports handed to instances (default 25000-25999)", HelpName = "START-END" };
        var labels = new Option<string[]>("--label") { Description = "A label; repeat for more", HelpName = "KEY=VALUE", Arity = ArgumentArity.OneOrMore };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "The CA that signed the engine's certificate (PEM, on the server)", HelpName = "FILE" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Berth's client certificate (PEM, on the server)", HelpName = "FILE" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "Berth's client key (PEM, on the server)", HelpName = "FILE" };
        var add = new Command("add", "Add an engine as a host; its CPUs and memory are read from the engine")
        {
            name, engine, advertiseIp, portRange, labels, tlsCa, tlsCert, tlsKey,
        };
        context.SetAnswerAction(
            add,
            call =>
            {
                ParseResult parse = call.ParseResult;
                if (!HostLabelParser.TryApply(new Dictionary<string, string>(), parse.GetValue(labels) ?? [], out Dictionary<string, string> parsed, out string? error))
                {
                    throw new UsageException(error);
                }

                string?[] tls = [parse.GetValue(tlsCa), parse.GetValue(tlsCert), parse.GetValue(tlsKey)];
                if (tls.Any(file => file is not null) && tls.Any(file => file is null))
                {
                    throw new UsageException("--tls-ca, --tls-cert and --tls-key go together");
                }

                var request = new CreateHostRequest(
                    parse.GetRequiredValue(name),
                    parse.GetRequiredValue(engine),
                    tls[0] is null ? null : new EngineTlsRequest(tls[0]!, tls[1]!, tls[2]!),
                    parse.GetRequiredValue(advertiseIp),
                    parsed,
                    parse.GetValue(portRange));
                return call.Api.CreateHostAsync(request, call.CancellationToken);
            },
            (call, host) => call.Out.WriteLine(
                $"Added host {host.Name}: {Display.Number(host.MemoryMb)} MB, {Display.Number(host.CpuShares)} CPU shares, ports {host.PortRange} on {host.AdvertiseIp}."));
        return add;
    }

    private static Command CreateLabel(ClientContext context)
    {
        Argument<string> name = NameArgument();
        var changes = new Argument<string[]>("LABEL")
        {
            Description = "KEY=VALUE sets a label, KEY- removes one",
            Arity = ArgumentArity.OneOrMore,
        };
        var label = new Command("label", "Set or remove labels of a host; apps with constraints on them are moved as needed") { name, changes };
        context.SetAnswerAction(
            label,
            async call =>
            {
                string host = call.ParseResult.GetRequiredValue(name);
                HostView current = (await call.Api.GetHostAsync(host, call.CancellationToken)).Value;
                if (!HostLabelParser.TryApply(current.Labels, call.ParseResult.GetRequiredValue(changes), out Dictionary<string, string> labels, out string? error))
                {
                    throw new UsageException(error);
                }

                return await call.Api.UpdateHostAsync(host, new UpdateHostRequest(labels, null), call.CancellationToken);
            },
            (call, updated) =>
            {
                string shown = updated.Labels.Count == 0 ? "none" : string.Join(", ", updated.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
                call.Out.WriteLine($"Labels of {updated.Name}: {shown}");
            });
        return label;
    }

    private static Command CreateDrain(ClientContext context)
    {
        Argument<string> name = NameArgument();
        var undo = new Option<bool>("--undo") { Description = "Let the host take new instances again" };
        var drain = new Command("drain", "Stop placing on a host and move its instances elsewhere, new ones started before old ones stop") { name, undo };
        context.SetAnswerAction(
            drain,
            call => call.Api.UpdateHostAsync(call.ParseResult.GetRequiredValue(name), new UpdateHostRequest(null, !call.ParseResult.GetValue(undo)), call.CancellationToken),
            (call, host) => call.Out.WriteLine(call.ParseResult.GetValue(undo)
                ? $"Host {host.Name} takes new instances again."
                : $"Draining host {host.Name}: {Display.Number(host.Instances)} instance(s) on it are being moved; 'berth hosts rm {host.Name}' once it is drained."));
        return drain;
    }

    private static Command CreateUnblock(ClientContext context)
    {
        Argument<string> name = NameArgument();
        var port = new Argument<int>("PORT")
        {
            Description = "A blocked port of the host's range",
            CustomParser = result =>
            {
                string text = result.Tokens[0].Value;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) || parsed is < 1 or > 65535)
                {
                    result.AddError($"PORT must be a port number from 1 to 65535, got '{text}'");
                }

                return parsed;
            },
        };
        var unblock = new Command("unblock", "Let placements use a blocked port again, once whatever held it outside Berth is gone") { name, port };
        context.SetAnswerAction(
            unblock,
            call => Removed.AfterAsync(
                call.Api.UnblockPortAsync(call.ParseResult.GetRequiredValue(name), call.ParseResult.GetValue(port), call.CancellationToken),
                "blocked port", ("host", call.ParseResult.GetRequiredValue(name)), ("port", call.ParseResult.GetValue(port))),
            (call, _) => call.Out.WriteLine($"Port {Display.Number(call.ParseResult.GetValue(port))} of host {call.ParseResult.GetRequiredValue(name)} is no longer blocked."));
        return unblock;
    }

    private static Command CreateRemove(ClientContext context)
    {
        Argument<string> name = NameArgument();
        var remove = new Command("rm", "Remove a host that holds no instance (drain it first)") { name };
        context.SetAnswerAction(
            remove,
            call => Removed.AfterAsync(call.Api.DeleteHostAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), "host", ("host", call.ParseResult.GetRequiredValue(name))),
            (call, _) => call.Out.WriteLine($"Removed host {call.ParseResult.GetRequiredValue(name)}."));
        return remove;
    }
}

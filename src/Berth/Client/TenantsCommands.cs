using System.CommandLine;

namespace Berth.Client;

/// <summary><c>berth tenants create|ls|quota</c> (admin only, but a tenant may read its own quota).</summary>
internal static class TenantsCommands
{
    /// <summary>Creates the <c>tenants</c> command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var tenants = new Command("tenants", "Create and list tenants, set their quotas (admin)");
        tenants.Subcommands.Add(CreateCreate(context));
        tenants.Subcommands.Add(CreateList(context));
        tenants.Subcommands.Add(CreateQuota(context));
        return [tenants];
    }

    private static Command CreateCreate(ClientContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The tenant's name" };
        var create = new Command("create", "Create a tenant and print its token") { name };
        context.SetAnswerAction(create, call => call.Api.CreateTenantAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken), (call, tenant) =>
        {
            call.Out.WriteLine($"Created tenant {tenant.Name}. Its token:");
            call.Out.WriteLine();
            call.Out.WriteLine($"  {tenant.Token}");
            call.Out.WriteLine();
            call.Out.WriteLine("Keep it now: Berth stores only its hash and will not show it again.");
            call.Out.WriteLine($"The tenant logs in with: berth login --url {call.Settings.Url.OriginalString} --token {tenant.Token}");
        });
        return create;
    }

    private static Command CreateList(ClientContext context)
    {
        var list = new Command("ls", "List tenants");
        context.SetAnswerAction(list, call => call.Api.ListTenantsAsync(call.CancellationToken), (call, tenants) =>
            TablePrinter.Write(
                call.Out,
                ["NAME", "ADMIN", "CREATED"],
                tenants.Select(tenant => (IReadOnlyList<string>)
                [
                    tenant.Name,
                    tenant.IsAdmin ? "yes" : "no",
                    Display.Time(tenant.CreatedAt),
                ])));
        return list;
    }

    private static Command CreateQuota(ClientContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The tenant's name" };
        var set = new Option<string[]>("--set")
        {
            Description = "KEY=VALUE to change (admin): apps, instances, memoryMb, cpuShares, ports, services, domains",
            AllowMultipleArgumentsPerToken = true,
        };
        var quota = new Command("quota", "Show a tenant's quota and what it uses, or change it with --set (admin)") { name, set };
        context.SetAnswerAction(
            quota,
            call =>
            {
                var changes = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (string argument in call.ParseResult.GetValue(set) ?? [])
                {
                    int separator = argument.IndexOf('=');
                    if (separator <= 0 || !int.TryParse(argument.AsSpan(separator + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value))
                    {
                        throw new UsageException($"--set takes KEY=NUMBER, such as instances=20, got '{argument}'");
                    }

                    changes[argument[..separator]] = value;
                }

                return call.Api.QuotaAsync(call.ParseResult.GetRequiredValue(name), changes, call.CancellationToken);
            },
            (call, view) =>
            {
                call.Out.WriteLine($"Quota of {view.Tenant}{(view.IsDefault ? " (the server's default)" : "")}:");
                TablePrinter.Write(call.Out, ["KEY", "USED", "LIMIT"],
                    view.Limit.Select(l => (IReadOnlyList<string>)[l.Key, view.Used.TryGetValue(l.Key, out int used) ? used.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0", l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            });
        return quota;
    }
}

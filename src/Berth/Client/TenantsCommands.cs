using System.CommandLine;
using Berth.Contracts;

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
        Option<bool> json = CommonOptions.Json();
        var create = new Command("create", "Create a tenant and print its token") { name, json };
        context.SetAction(create, async call =>
        {
            ApiResponse<CreatedTenant> response = await call.Api.CreateTenantAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            CreatedTenant tenant = response.Value;
            await call.Out.WriteLineAsync($"Created tenant {tenant.Name}. Its token:");
            await call.Out.WriteLineAsync();
            await call.Out.WriteLineAsync($"  {tenant.Token}");
            await call.Out.WriteLineAsync();
            await call.Out.WriteLineAsync("Keep it now: Berth stores only its hash and will not show it again.");
            await call.Out.WriteLineAsync($"The tenant logs in with: berth login --url {call.Settings.Url.OriginalString} --token {tenant.Token}");
            return 0;
        });
        return create;
    }

    private static Command CreateList(ClientContext context)
    {
        Option<bool> json = CommonOptions.Json();
        var list = new Command("ls", "List tenants") { json };
        context.SetAction(list, async call =>
        {
            ApiResponse<IReadOnlyList<TenantView>> response = await call.Api.ListTenantsAsync(call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(
                call.Out,
                ["NAME", "ADMIN", "CREATED"],
                response.Value.Select(tenant => (IReadOnlyList<string>)
                [
                    tenant.Name,
                    tenant.IsAdmin ? "yes" : "no",
                    Display.Time(tenant.CreatedAt),
                ]));
            return 0;
        });
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
        Option<bool> json = CommonOptions.Json();
        var quota = new Command("quota", "Show a tenant's quota and what it uses, or change it with --set (admin)") { name, set, json };
        context.SetAction(quota, async call =>
        {
            var changes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string argument in call.ParseResult.GetValue(set) ?? [])
            {
                int separator = argument.IndexOf('=');
                if (separator <= 0 || !int.TryParse(argument.AsSpan(separator + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value))
                {
                    await call.Error.WriteLineAsync($"error: --set takes KEY=NUMBER, such as instances=20, got '{argument}'");
                    return 2;
                }

                changes[argument[..separator]] = value;
            }

            ApiResponse<QuotaView> response = await call.Api.QuotaAsync(call.ParseResult.GetRequiredValue(name), changes, call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            QuotaView view = response.Value;
            await call.Out.WriteLineAsync($"Quota of {view.Tenant}{(view.IsDefault ? " (the server's default)" : "")}:");
            TablePrinter.Write(call.Out, ["KEY", "USED", "LIMIT"],
                view.Limit.Select(l => (IReadOnlyList<string>)[l.Key, view.Used.TryGetValue(l.Key, out int used) ? used.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0", l.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            return 0;
        });
        return quota;
    }
}

using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth tenants create|ls</c> (admin only).</summary>
internal static class TenantsCommands
{
    /// <summary>Creates the <c>tenants</c> command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var tenants = new Command("tenants", "Create and list tenants (admin)");
        tenants.Subcommands.Add(CreateCreate(context));
        tenants.Subcommands.Add(CreateList(context));
        return [tenants];
    }

    private static Command CreateCreate(ClientContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The tenant's name" };
        var create = new Command("create", "Create a tenant and print its token") { name };
        context.SetAction(create, async call =>
        {
            CreatedTenant tenant = (await call.Api.CreateTenantAsync(call.ParseResult.GetRequiredValue(name), call.CancellationToken)).Value;
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
}

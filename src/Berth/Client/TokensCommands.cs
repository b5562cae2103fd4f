using System.CommandLine;
using Berth.Contracts;

namespace Berth.Client;

/// <summary><c>berth tokens ls|create|revoke TENANT</c>: a tenant's API tokens (its own, or any for the admin).</summary>
internal static class TokensCommands
{
    /// <summary>Creates the command group.</summary>
    public static IEnumerable<Command> Create(ClientContext context)
    {
        var tokens = new Command("tokens", "List, create and revoke a tenant's API tokens (your own; the admin's any)");
        tokens.Subcommands.Add(List(context));
        tokens.Subcommands.Add(CreateToken(context));
        tokens.Subcommands.Add(Revoke(context));
        return [tokens];
    }

    private static Argument<string> Tenant() => new("TENANT") { Description = "The tenant's name" };

    private static Command List(ClientContext context)
    {
        Argument<string> tenant = Tenant();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("ls", "List the tenant's tokens (never the tokens themselves)") { tenant, json };
        context.SetAction(command, async call =>
        {
            ApiResponse<IReadOnlyList<TokenView>> response = await call.Api.ListTokensAsync(call.ParseResult.GetRequiredValue(tenant), call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            TablePrinter.Write(
                call.Out,
                ["ID", "SCOPE", "DESCRIPTION", "CREATED", "REVOKED"],
                response.Value.Select(token => (IReadOnlyList<string>)
                [
                    token.Id,
                    token.Scope,
                    Display.OrNone(token.Description),
                    Display.Time(token.CreatedAt),
                    token.RevokedAt is { } revoked ? Display.Time(revoked) : Display.None,
                ]));
            return 0;
        });
        return command;
    }

    private static Command CreateToken(ClientContext context)
    {
        Argument<string> tenant = Tenant();
        Option<string> scope = new("--scope") { Description = "admin, tenant or read-only [default: admin for the admin, tenant otherwise]" };
        Option<string> description = new("--description") { Description = "what the token is for, e.g. ci" };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("create", "Create a token and print it once") { tenant, scope, description, json };
        context.SetAction(command, async call =>
        {
            var request = new CreateTokenRequest(call.ParseResult.GetValue(scope), call.ParseResult.GetValue(description));
            ApiResponse<CreatedToken> response = await call.Api.CreateTokenAsync(call.ParseResult.GetRequiredValue(tenant), request, call.CancellationToken);
            if (call.ParseResult.GetValue(json))
            {
                await call.Out.WriteLineAsync(response.Json);
                return 0;
            }

            CreatedToken token = response.Value;
            await call.Out.WriteLineAsync($"Created {token.Scope} token {token.Id} of {token.Tenant}:");
            await call.Out.WriteLineAsync();
            await call.Out.WriteLineAsync($"  {token.Token}");
            await call.Out.WriteLineAsync();
            await call.Out.WriteLineAsync("Keep it now: Berth stores only its hash and will not show it again.");
            return 0;
        });
        return command;
    }

    private static Command Revoke(ClientContext context)
    {
        Argument<string> tenant = Tenant();
        Argument<string> id = new("ID") { Description = "The token's id, as 'berth tokens ls' shows it" };
        var command = new Command("revoke", "Revoke a token: it stops working at once") { tenant, id };
        context.SetAction(command, async call =>
        {
            string name = call.ParseResult.GetRequiredValue(tenant);
            string tokenId = call.ParseResult.GetRequiredValue(id);
            await call.Api.RevokeTokenAsync(name, tokenId, call.CancellationToken);
            await call.Out.WriteLineAsync($"Revoked token {tokenId} of {name}.");
            return 0;
        });
        return command;
    }
}

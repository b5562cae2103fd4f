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
        var command = new Command("ls", "List the tenant's tokens (never the tokens themselves)") { tenant };
        context.SetAnswerAction(command, call => call.Api.ListTokensAsync(call.ParseResult.GetRequiredValue(tenant), call.CancellationToken), (call, tokens) =>
            TablePrinter.Write(
                call.Out,
                ["ID", "SCOPE", "DESCRIPTION", "CREATED", "REVOKED"],
                tokens.Select(token => (IReadOnlyList<string>)
                [
                    token.Id,
                    token.Scope,
                    Display.OrNone(token.Description),
                    Display.Time(token.CreatedAt),
                    token.RevokedAt is { } revoked ? Display.Time(revoked) : Display.None,
                ])));
        return command;
    }

    private static Command CreateToken(ClientContext context)
    {
        Argument<string> tenant = Tenant();
        Option<string> scope = new("--scope") { Description = "admin, tenant or read-only [default: admin for the admin, tenant otherwise]" };
        Option<string> description = new("--description") { Description = "what the token is for, e.g. ci" };
        var command = new Command("create", "Create a token and print it once") { tenant, scope, description };
        context.SetAnswerAction(
            command,
            call => call.Api.CreateTokenAsync(
                call.ParseResult.GetRequiredValue(tenant), new CreateTokenRequest(call.ParseResult.GetValue(scope), call.ParseResult.GetValue(description)), call.CancellationToken),
            (call, token) =>
            {
                call.Out.WriteLine($"Created {token.Scope} token {token.Id} of {token.Tenant}:");
                call.Out.WriteLine();
                call.Out.WriteLine($"  {token.Token}");
                call.Out.WriteLine();
                call.Out.WriteLine("Keep it now: Berth stores only its hash and will not show it again.");
            });
        return command;
    }

    private static Command Revoke(ClientContext context)
    {
        Argument<string> tenant = Tenant();
        Argument<string> id = new("ID") { Description = "The token's id, as 'berth tokens ls' shows it" };
        var command = new Command("revoke", "Revoke a token: it stops working at once") { tenant, id };
        context.SetAnswerAction(
            command,
            call => Removed.AfterAsync(
                call.Api.RevokeTokenAsync(call.ParseResult.GetRequiredValue(tenant), call.ParseResult.GetRequiredValue(id), call.CancellationToken),
                "token", ("tenant", call.ParseResult.GetRequiredValue(tenant)), ("id", call.ParseResult.GetRequiredValue(id))),
            (call, _) => call.Out.WriteLine($"Revoked token {call.ParseResult.GetRequiredValue(id)} of {call.ParseResult.GetRequiredValue(tenant)}."));
        return command;
    }
}

using System.Text.RegularExpressions;
using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.ApiTokens;
using Berth.Core.Apps;
using Berth.Core.Security;
using Berth.Core.State;
using Berth.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/tenants/{name}/tokens</c>: a tenant's API tokens, listed, made and revoked by the tenant itself or by
/// the admin. Another tenant's tokens read as a missing tenant.
/// </summary>
internal static partial class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this RouteGroupBuilder v1)
    {
        var tokens = v1.MapGroup("/tenants/{name}/tokens");
        tokens.MapGet("/", ListAsync);
        tokens.MapPost("/", CreateAsync);
        tokens.MapDelete("/{tokenId}", RevokeAsync);
        return v1;
    }

    private static async Task<Results<Ok<TokenView[]>, ProblemHttpResult>> ListAsync(
        string name, HttpContext context, IStateStore store, ISecurityStore security)
    {
        if (await FindManagedAsync(name, context, store) is null)
        {
            return TenantNotFound(name);
        }

        var tokens = await security.ListTokensAsync(name, context.RequestAborted);
        return TypedResults.Ok(tokens.Select(TokenView.From).ToArray());
    }

    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateAsync(
        string name, CreateTokenRequest? request, HttpContext context, IStateStore store, ApiTokenService tokens)
    {
        if (await FindManagedAsync(name, context, store) is not { } tenant)
        {
            return TenantNotFound(name);
        }

        var (scope, error) = ApiTokenService.ScopeFor(tenant.IsAdmin, request?.Scope);
        if (scope is null)
        {
            return Problems.BadRequest(error!);
        }

        var description = request?.Description ?? "";
        if (description.Length > ApiTokenService.MaxDescriptionLength || description.Any(char.IsControl))
        {
            return Problems.BadRequest($"description must be at most {ApiTokenService.MaxDescriptionLength} characters, without control characters");
        }

        var (token, secret) = await tokens.IssueAsync(name, scope.Value, description, context.RequestAborted);
        return TypedResults.Created(
            $"/v1/tenants/{name}/tokens/{token.Id}",
            new CreatedToken(token.Id, token.Tenant, TokenScopes.ToText(token.Scope), token.Description, token.CreatedAt, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string name, string tokenId, HttpContext context, IStateStore store, ISecurityStore security, TimeProvider time)
    {
        if (await FindManagedAsync(name, context, store) is null)
        {
            return TenantNotFound(name);
        }

        return TokenIdPattern().IsMatch(tokenId) && await security.RevokeTokenAsync(name, tokenId, time.GetUtcNow(), context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound($"tenant '{name}' has no token '{tokenId}'");
    }

    /// <summary>The tenant when the caller may manage its tokens (its own, or any for the admin); null otherwise.</summary>
    private static async Task<Tenant?> FindManagedAsync(string name, HttpContext context, IStateStore store)
    {
        var caller = Caller.From(context.User);
        return AppId.IsValid(name) && (caller.IsAdmin || caller.Tenant == name)
            ? await store.GetTenantAsync(name, context.RequestAborted)
            : null;
    }

    private static ProblemHttpResult TenantNotFound(string name) => Problems.NotFound($"tenant '{name}' was not found");

    [GeneratedRegex("^[a-z0-9]{1,64}$")]
    private static partial Regex TokenIdPattern();
}

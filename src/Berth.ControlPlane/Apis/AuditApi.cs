using Berth.Contracts;
using Berth.ControlPlane.Apis.Views;
using Berth.ControlPlane.Auth;
using Berth.Core.Apps;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary><c>GET /v1/audit</c> (admin): every call that tried to change something, newest first, a page at a time.</summary>
internal static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/audit", ListAsync).RequireAuthorization(Policies.Admin);
        return v1;
    }

    /// <param name="before">An entry id: only older entries are listed (the next page).</param>
    /// <param name="actor">Only this tenant's calls.</param>
    private static async Task<Results<Ok<AuditEntryView[]>, ProblemHttpResult>> ListAsync(
        string? before, string? actor, int? limit, HttpContext context, ISecurityStore security)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"limit must be between 1 and {MaxLimit}");
        }

        if (before is { Length: > 64 } || (actor is not null && !AppId.IsValid(actor)))
        {
            return Problems.BadRequest("before must be an audit entry id and actor a tenant name");
        }

        var entries = await security.ListAuditAsync(before, actor, limit ?? DefaultLimit, context.RequestAborted);
        return TypedResults.Ok(entries.Select(AuditEntryView.From).ToArray());
    }
}

using Berth.Contracts;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Apis;

/// <summary><c>/v1/apps/{id}/versions</c>: the versions of the app's image in Berth's registry, newest first.</summary>
internal static class VersionsApi
{
    public static RouteGroupBuilder MapVersionsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/apps/{id}/versions", ListAsync);
        return v1;
    }

    private static async Task<Results<Ok<AppVersionsView>, ProblemHttpResult>> ListAsync(HttpContext context, RegistryTags registry, IOptions<BerthOptions> options)
    {
        var app = context.OwnedApp();

        var repository = app.Image ?? app.Id;
        IReadOnlyList<string> tags;
        try
        {
            tags = await registry.ListAsync(repository, context.RequestAborted);
        }
        catch (RegistryUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "Registry unavailable");
        }

        var versions = tags.Distinct(StringComparer.Ordinal).Order(VersionOrder.NewestFirst)
            .Select(tag => new AppVersionView(tag, tag == app.ActiveVersion, tag == app.PreviousVersion));
        return TypedResults.Ok(new AppVersionsView(app.Id, $"{options.Value.Registry}/{repository}", app.ActiveVersion, [.. versions]));
    }
}

using Berth.ControlPlane.Apis.Dtos;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Security;
using Berth.Core.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/base-images</c>: the registry repositories every tenant may pull and run but only the admin may push.
/// Anyone may list them; only the admin marks and unmarks them.
/// </summary>
public static class BaseImagesApi
{
    public static RouteGroupBuilder MapBaseImagesApi(this RouteGroupBuilder v1)
    {
        var images = v1.MapGroup("/base-images");
        images.MapGet("/", ListAsync);
        images.MapPut("/{**repository}", AddAsync).RequireAuthorization(Policies.Admin);
        images.MapDelete("/{**repository}", RemoveAsync).RequireAuthorization(Policies.Admin);
        return v1;
    }

    private static async Task<Ok<BaseImageView[]>> ListAsync(HttpContext context, ISecurityStore security) =>
        TypedResults.Ok((await security.ListBaseImagesAsync(context.RequestAborted)).Select(i => new BaseImageView(i.Repository, i.CreatedAt)).ToArray());

    private static async Task<Results<Ok<BaseImageView>, ProblemHttpResult>> AddAsync(
        string repository, HttpContext context, IStateStore store, ISecurityStore security, TimeProvider time)
    {
        if (!RepositoryName.IsValid(repository))
        {
            return Problems.BadRequest("repository must be a registry repository name such as 'hello' or 'base/nginx'");
        }

        // An app's repository is its tenant's to push; it cannot also be everyone's to pull.
        if (await store.GetAppAsync(repository, context.RequestAborted) is { } app)
        {
            return Problems.Conflict($"'{repository}' is the repository of app '{app.Id}' of tenant '{app.Tenant}'");
        }

        var image = new BaseImage(repository, time.GetUtcNow());
        await security.AddBaseImageAsync(image, context.RequestAborted);
        return TypedResults.Ok(new BaseImageView(image.Repository, image.CreatedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string repository, HttpContext context, ISecurityStore security) =>
        RepositoryName.IsValid(repository) && await security.RemoveBaseImageAsync(repository, context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound($"'{repository}' is not a base image");
}

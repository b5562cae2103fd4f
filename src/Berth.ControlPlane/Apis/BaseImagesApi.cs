using Berth.Contracts;
using Berth.ControlPlane.Auth;
using Berth.ControlPlane.Security.Registry;
using Berth.Core.Security;
using Berth.Core.State;
using Berth.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Berth.ControlPlane.Apis;

/// <summary>
/// <c>/v1/base-images</c>: the registry repositories every tenant may pull and run but only the admin may push.
/// Anyone may list them; only the admin marks and unmarks them.
/// </summary>
internal static class BaseImagesApi
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

        // A base image is the admin's repository; a name a tenant ever held stays that tenant's.
        if (await security.ReserveRepositoryAsync(repository, Tenant.AdminName, time.GetUtcNow(), context.RequestAborted) is var owner && owner != Tenant.AdminName)
        {
            return Problems.Conflict($"'{repository}' is a repository of tenant '{owner}'");
        }

        var image = new BaseImage(repository, time.GetUtcNow());
        await security.AddBaseImageAsync(image, context.RequestAborted);
        return TypedResults.Ok(new BaseImageView(image.Repository, image.CreatedAt));
    }

    /// <summary>
    /// Unmarks a base image; refused while apps run it, since they would then run whatever is pushed there next.
    /// The name stays the admin's (<see cref="ISecurityStore.ReserveRepositoryAsync"/>), so no tenant can take it.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string repository, HttpContext context, IStateStore store, ISecurityStore security)
    {
        if (!RepositoryName.IsValid(repository) || !await security.IsBaseImageAsync(repository, context.RequestAborted))
        {
            return Problems.NotFound($"'{repository}' is not a base image");
        }

        var users = (await store.ListAppsAsync(null, context.RequestAborted)).Where(app => app.Image == repository).Select(app => app.Id).ToArray();
        if (users.Length > 0)
        {
            return Problems.Conflict($"base image '{repository}' is the image of app(s) {string.Join(", ", users)}; delete them or change their image first");
        }

        await security.RemoveBaseImageAsync(repository, context.RequestAborted);
        return TypedResults.NoContent();
    }
}

using Berth.ControlPlane.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Security.ApiTokens;

/// <summary>Read-only tokens may only read: any other method is refused with 403.</summary>
internal sealed class WritableScopeRequirement : AuthorizationHandler<WritableScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>True for the methods that never change anything.</summary>
    public static bool IsReading(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WritableScopeRequirement requirement)
    {
        var reading = context.Resource is HttpContext http && IsReading(http.Request.Method);
        if (reading || !context.User.HasClaim(c => c.Type == Caller.ReadOnlyClaim))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>
/// Refuses, before anything reads them, requests whose declared body is too big and requests with credentials
/// from an address that failed to authenticate too often.
/// </summary>
internal sealed class RequestGuardMiddleware(RequestDelegate next, AuthFailureLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large",
                detail: $"request bodies are limited to {RequestLimits.MaxBodyBytes} bytes").ExecuteAsync(context);
        }

        if (context.Request.Headers.Authorization.Count > 0
            && limiter.IsBlocked(context.Connection.RemoteIpAddress, context.Request.Headers.Authorization.ToString(), out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"too many failed authentications from this address or with this credential; try again in {seconds} s").ExecuteAsync(context);
        }

        return next(context);
    }
}

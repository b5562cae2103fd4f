using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Berth.ControlPlane.Apis;

/// <summary>The RFC 7807 answers the API gives, each with a reason a person can act on.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult AppNotFound(string id) => NotFound($"app '{id}' was not found");

    public static ProblemHttpResult TooManyWaits(string tenant, int limit) => TypedResults.Problem(
        $"tenant '{tenant}' already has {limit} long calls open (config and event waits, log follows), the most it may; end one first",
        statusCode: StatusCodes.Status429TooManyRequests,
        title: "Too many requests");
}

using System.Globalization;
using Berth.State;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// Answers a request that failed because the state database cannot serve right now (restarting, still starting up,
/// out of connections) with 503, a Retry-After and a reason, instead of the 500 of an unexpected error: the client
/// should simply try again.
/// </summary>
internal sealed partial class StateUnavailableHandler(IProblemDetailsService problems, ILogger<StateUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>About how long a database restart or a failover takes.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StateUnavailable.Is(exception))
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "State database unavailable",
                Detail = $"Berth's database cannot serve right now (restarting or starting up); try again in {RetryAfter.TotalSeconds:0} s",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the state database cannot serve ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}

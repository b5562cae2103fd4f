using System.Net;

namespace Berth.Client;

/// <summary>The API answered with an error; the message is the problem detail's detail or title.</summary>
internal sealed class BerthApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status the API answered with.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Berth.Gateway.Proxy;

/// <summary>A response the gateway answers itself (404, 403, 503, 502, admin pages): small, with a Content-Length.</summary>
internal readonly record struct LocalResponse(int Status, string ContentType, byte[] Body, int RetryAfterSeconds = 0)
{
    /// <summary>Where a redirect sends the client; null for other answers.</summary>
    public string? Location { get; init; }

    public const string TextType = "text/plain; charset=utf-8";

    /// <summary>A plain-text answer.</summary>
    public static LocalResponse Text(int status, string message, int retryAfterSeconds = 0) =>
        new(status, TextType, Encoding.UTF8.GetBytes(message + "\n"), retryAfterSeconds);

    /// <summary>Writes the response (without flushing) and returns how many bytes it takes.</summary>
    public int WriteTo(PipeWriter output, bool close, bool headOnly)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(Status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(Status)).Append("\r\n")
            .Append("Content-Type: ").Append(ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(Body.Length).Append("\r\n")
            .Append("Cache-Control: no-store\r\n");
        if (RetryAfterSeconds > 0)
        {
            head.Append("Retry-After: ").Append(RetryAfterSeconds).Append("\r\n");
        }

        if (Location is not null)
        {
            head.Append("Location: ").Append(Location).Append("\r\n");
        }

        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
        output.Write(bytes);
        if (headOnly)
        {
            return bytes.Length;
        }

        output.Write(Body);
        return bytes.Length + Body.Length;
    }
}

using System.Text.Json;
using Docker.DotNet;

namespace Berth.Runtime.Docker;

/// <summary>Turns the engine's error bodies into readable reasons.</summary>
internal static class EngineErrors
{
    // Registry answers that mean "this image is not there for you"; anything else (a refused connection,
    // a broken layer) is a failure of the pull, not a missing image.
    private static readonly string[] NotFoundMarkers =
    [
        "manifest unknown",
        "not found",
        "name unknown",
        "does not exist",
        "pull access denied",
    ];

    // The engine's words when publishing a port fails: another container of this engine has it ("port is already
    // allocated"), or a process outside the engine listens on it (the userland proxy's bind fails).
    private static readonly string[] PortInUseMarkers =
    [
        "port is already allocated",
        "address already in use",
    ];

    /// <summary>The <c>message</c> of the engine's JSON error body, or the body itself when it is not JSON.</summary>
    public static string Reason(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return $"{(int)exception.StatusCode} {exception.StatusCode}";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Proxies and old engines answer in plain text; the text is the reason then.
        }

        return body;
    }

    /// <summary>Whether a pull error reported in the progress stream says the image does not exist.</summary>
    public static bool MeansImageNotFound(string pullError) =>
        NotFoundMarkers.Any(marker => pullError.Contains(marker, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether an engine error says a published host port could not be bound.</summary>
    public static bool MeansHostPortInUse(string reason) =>
        PortInUseMarkers.Any(marker => reason.Contains(marker, StringComparison.OrdinalIgnoreCase));
}

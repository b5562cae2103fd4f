using Docker.DotNet.Models;

namespace Berth.Runtime.Docker;

/// <summary>
/// Watches a pull's progress stream for an error. The engine reports failures that happen after it answered
/// 200 only in the stream, so a pull that "succeeded" over HTTP may still have failed.
/// </summary>
/// <remarks>Reports are handled synchronously (unlike <see cref="Progress{T}"/>), so the error is known when the pull's task completes.</remarks>
internal sealed class PullProgress : IProgress<JSONMessage>
{
    /// <summary>The first error the stream carried, if any.</summary>
    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        if (Error is null && !string.IsNullOrEmpty(value.Error?.Message))
        {
            Error = value.Error.Message;
        }
    }
}

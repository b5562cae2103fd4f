using Berth.ControlPlane.Health;
using Berth.Core.Runtime;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Events;

/// <summary>Reads the last lines of a failed container before it is removed, so its event can say why it failed.</summary>
public sealed class FailureLogs(IOptions<BerthOptions> options)
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(5);

    /// <summary>The container's last lines, or nothing when the engine cannot give them; never throws.</summary>
    public async Task<IReadOnlyList<string>> CaptureAsync(IContainerRuntime runtime, string? containerId)
    {
        if (containerId is null || runtime is not IContainerLogs logs)
        {
            return [];
        }

        using var limit = new CancellationTokenSource(ReadLimit);
        var lines = new List<string>();
        try
        {
            await foreach (var line in logs.ReadLogsAsync(containerId, new LogRequest { Tail = Healing.FailureLogLines }, limit.Token))
            {
                lines.Add(line.Text);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The logs are a courtesy: an engine that cannot give them must not stop the clean-up they precede.
        }

        return lines;
    }

    private SelfHealingOptions Healing => options.Value.Healing;
}

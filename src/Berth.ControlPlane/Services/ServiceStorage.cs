using System.Globalization;
using System.Text;
using Berth.Core.Runtime;
using Berth.Core.Services;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Services;

/// <summary>
/// How much of its volume a service uses, measured when asked: <c>du</c> over the volume's mount inside the service's
/// container. The engine's local volumes keep no count of their own, and its <c>/system/df</c> walks every volume of
/// the host. Null when the service does not run or the measure fails, which callers show as not measured.
/// </summary>
internal sealed partial class ServiceStorage(ServiceLauncher launcher, TimeProvider time, ILogger<ServiceStorage> logger)
{
    /// <summary>How long one measure may take before the service is shown without it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, string> NoEnv = [];

    /// <summary>The bytes of disk the service's volume holds, or null.</summary>
    public async Task<long?> UsedBytesAsync(ManagedService service, CancellationToken cancellationToken)
    {
        if (service.State != ServiceState.Running || service.ContainerId is not { } containerId)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(Timeout, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (await launcher.RuntimeAsync(service, bounded.Token) is not IContainerExec exec)
            {
                return null;
            }

            // Blocks on disk, not file lengths: what the volume takes from its host, which is what the limit is about.
            using var output = new MemoryStream();
            var result = await exec.ExecAsync(containerId, ["du", "-s", "-B1", service.Kind.DataPath], NoEnv, output, bounded.Token);
            var text = Encoding.UTF8.GetString(output.ToArray());
            if (result.Succeeded && long.TryParse(text.Split('\t', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
            {
                return bytes;
            }

            LogNotMeasured(logger, service.Id, $"du exited with {result.ExitCode}: {result.Error}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotMeasured(logger, service.Id, e.Message);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage use of service {ServiceId} could not be measured: {Reason}")]
    private static partial void LogNotMeasured(ILogger logger, string serviceId, string reason);
}

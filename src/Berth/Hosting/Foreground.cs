using System.Runtime.InteropServices;
using Berth.Core.Runtime;
using Microsoft.Extensions.Options;

namespace Berth.Hosting;

/// <summary>Starts a server, keeps it in the foreground until Ctrl-C or SIGTERM, then stops it cleanly.</summary>
internal static class Foreground
{
    public static async Task<int> RunAsync(Func<CancellationToken, Task<Running>> start, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        Running running;
        try
        {
            running = await start(stop.Token);
        }
        catch (Exception e) when (IsStartFailure(e))
        {
            await Console.Error.WriteLineAsync($"error: could not start: {e.Message}");
            return 1;
        }

        running.Say("Press Ctrl-C to stop.");
        await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        running.Say("Stopping…");
        await running.StopAsync();
        return 0;
    }

    /// <summary>What a person can fix (a taken port, an unreachable engine or store, bad settings): a message, not a stack trace.</summary>
    private static bool IsStartFailure(Exception e) =>
        e is IOException or FormatException or UnauthorizedAccessException or HttpRequestException or ImageNotFoundException
            or OptionsValidationException or NotSupportedException or OperationCanceledException
        || e.GetType().Namespace?.StartsWith("Berth", StringComparison.Ordinal) == true
        || e.GetType().Namespace?.StartsWith("Docker", StringComparison.Ordinal) == true
        || e.GetType().Namespace?.StartsWith("Grpc", StringComparison.Ordinal) == true;
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>Reconciles at once, then on every interval and whenever a component asks through the <see cref="ReconcileTrigger"/>.</summary>
internal sealed partial class ReconcileLoop(
    Reconciler reconciler, ReconcileTrigger trigger, IOptions<BerthOptions> options, TimeProvider time, ILogger<ReconcileLoop> logger) : ILeaderWork
{
    public string Name => "reconciler";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await reconciler.ReconcileAsync(launch: true, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
            }

            await trigger.WaitAsync(options.Value.Healing.ReconcileInterval, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reconcile pass failed; the next one retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

using System.Diagnostics;

namespace Berth.ControlPlane.Telemetry;

/// <summary>A step of a launch or retire as a span of its own; engine calls are timed for the metrics too.</summary>
internal static class Traced
{
    public static async Task<T> StepAsync<T>(string name, Func<Task<T>> step)
    {
        using var activity = BerthTelemetry.Source.StartActivity(name);
        try
        {
            return await step();
        }
        catch (Exception e)
        {
            activity.Fail(e);
            throw;
        }
    }

    public static Task StepAsync(string name, Func<Task> step) =>
        StepAsync(name, async () =>
        {
            await step();
            return true;
        });

    public static async Task<T> EngineAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await StepAsync(operation, call);
        }
        finally
        {
            ControlPlaneMetrics.EngineCall(operation, Stopwatch.GetElapsedTime(started));
        }
    }

    public static Task EngineAsync(string operation, Func<Task> call) =>
        EngineAsync(operation, async () =>
        {
            await call();
            return true;
        });
}

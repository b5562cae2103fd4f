using System.Diagnostics;

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Test hooks for crash safety: with <c>BERTH_TEST_CRASH_AT=step</c> (or <c>step:N</c> for its N-th time) the process
/// kills itself with SIGKILL when it reaches that step, as a power cut would. Without the variable every hook does nothing.
/// </summary>
public static class CrashPoints
{
    public const string Variable = "BERTH_TEST_CRASH_AT";

    public const string LaunchReserved = "launch-reserved";
    public const string LaunchCreated = "launch-created";
    public const string LaunchStarted = "launch-started";
    public const string LaunchRegistered = "launch-registered";
    public const string RolloutActivated = "rollout-activated";
    public const string RetireDeregistered = "retire-deregistered";
    public const string RetireRemoved = "retire-removed";
    public const string DeleteMarked = "delete-marked";
    public const string DeleteRetired = "delete-retired";

    private static readonly (string Step, int Occurrence)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int hits;

    /// <summary>Dies here if this is the step (and occurrence) the variable names.</summary>
    public static void Hit(string step)
    {
        if (Target is not { } target || target.Step != step || Interlocked.Increment(ref hits) != target.Occurrence)
        {
            return;
        }

        Console.Error.WriteLine($"crash point {step} reached: killing Berth (pid {Environment.ProcessId})");
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Trim().Split(':', 2);
        return (parts[0], parts.Length == 2 && int.TryParse(parts[1], out var n) && n > 0 ? n : 1);
    }
}

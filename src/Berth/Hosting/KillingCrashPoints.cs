using System.Diagnostics;
using Berth.ControlPlane.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Hosting;

/// <summary>
/// The crash tests' <see cref="ICrashPoints"/>: the process kills itself with SIGKILL when it reaches the step the
/// <see cref="Setting"/> names (<c>step</c>, or <c>step:N</c> for its N-th time), as a power cut would. Only this host
/// composition reads the setting, once at start; without it the control plane keeps its <see cref="NoCrashPoints"/>.
/// </summary>
internal sealed class KillingCrashPoints(string step, int occurrence) : ICrashPoints
{
    public const string Setting = "BERTH_TEST_CRASH_AT";

    private int _hits;

    /// <summary>The registration that swaps in crash points when the variable names a step, or one that changes nothing.</summary>
    public static Action<IServiceCollection> Compose()
    {
        var value = Environment.GetEnvironmentVariable(Setting);
        if (string.IsNullOrWhiteSpace(value))
        {
            return static _ => { };
        }

        var parts = value.Trim().Split(':', 2);
        var crashPoints = new KillingCrashPoints(parts[0], parts.Length == 2 && int.TryParse(parts[1], out var n) && n > 0 ? n : 1);
        return services => services.AddSingleton<ICrashPoints>(crashPoints);
    }

    public void Hit(string reached)
    {
        if (reached != step || Interlocked.Increment(ref _hits) != occurrence)
        {
            return;
        }

        Console.Error.WriteLine($"crash point {step} reached: killing Berth (pid {Environment.ProcessId})");
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}

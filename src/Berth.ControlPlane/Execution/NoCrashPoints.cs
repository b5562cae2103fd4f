namespace Berth.ControlPlane.Execution;

/// <summary>The production <see cref="ICrashPoints"/>: every step passes.</summary>
public sealed class NoCrashPoints : ICrashPoints
{
    public void Hit(string step)
    {
    }
}

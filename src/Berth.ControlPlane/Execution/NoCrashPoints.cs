namespace Berth.ControlPlane.Execution;

/// <summary>The production <see cref="ICrashPoints"/>: every step passes.</summary>
internal sealed class NoCrashPoints : ICrashPoints
{
    public void Hit(string step)
    {
    }
}

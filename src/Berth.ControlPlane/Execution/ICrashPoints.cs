namespace Berth.ControlPlane.Execution;

/// <summary>
/// The named steps of a launch, a retire, a roll-out and a delete where a crash leaves the most half-done, reported as
/// they are reached. Production registers <see cref="NoCrashPoints"/>; the crash tests' composition replaces it with one
/// that kills the process at a chosen step, as a power cut would, to prove the reconciler converges from there.
/// </summary>
public interface ICrashPoints
{
    /// <summary>Called when <paramref name="step"/> (one of <see cref="CrashSteps"/>) is reached.</summary>
    void Hit(string step);
}

namespace Berth.ControlPlane.Execution;

/// <summary>The steps an <see cref="ICrashPoints"/> hears of, in the order a deploy reaches them.</summary>
internal static class CrashSteps
{
    public const string LaunchReserved = "launch-reserved";
    public const string LaunchCreated = "launch-created";
    public const string LaunchStarted = "launch-started";
    public const string LaunchRegistered = "launch-registered";
    public const string RolloutActivated = "rollout-activated";
    public const string RetireDeregistered = "retire-deregistered";
    public const string RetireRemoved = "retire-removed";
    public const string DeleteMarked = "delete-marked";
    public const string DeleteRetired = "delete-retired";
}

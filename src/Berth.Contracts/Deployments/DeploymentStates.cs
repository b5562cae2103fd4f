namespace Berth.Contracts;

/// <summary>The states of a deployment as the API names them.</summary>
public static class DeploymentStates
{
    /// <summary>Accepted, not started yet.</summary>
    public const string Pending = "pending";

    /// <summary>Under way.</summary>
    public const string Running = "running";

    /// <summary>Done: the version serves (or the canary runs).</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Stopped with a reason; what ran before keeps serving.</summary>
    public const string Failed = "failed";
}

namespace Berth.Contracts;

/// <summary>The deployment strategies as the API names them.</summary>
public static class DeploymentStrategies
{
    /// <summary>The version replaces the active one (the default).</summary>
    public const string Rolling = "rolling";

    /// <summary>The version starts beside the active one, which keeps serving, until it is promoted or aborted.</summary>
    public const string Canary = "canary";

    /// <summary>The active version rolled out again on new containers (a service binding's change).</summary>
    public const string Restart = "restart";
}

namespace Berth.Contracts;

/// <summary>The states of a project as the API names them.</summary>
public static class ProjectStates
{
    /// <summary>A deploy is under way.</summary>
    public const string Deploying = "deploying";

    /// <summary>The last deploy finished: every service runs.</summary>
    public const string Running = "running";

    /// <summary>The last deploy stopped with a reason.</summary>
    public const string Failed = "failed";

    /// <summary>The project is being removed.</summary>
    public const string Deleting = "deleting";
}

namespace Berth.Core.Apps;

/// <summary>How a deployment brings its version live.</summary>
public enum DeploymentStrategy
{
    /// <summary>New instances start, then the version becomes active and every other version's instances retire.</summary>
    Rolling,

    /// <summary>
    /// New instances start beside the active version, which keeps serving and stays active; a traffic split sends them a
    /// share. A rolling deployment of the canary version (a promote) makes it active; an abort removes it.
    /// </summary>
    Canary,

    /// <summary>
    /// The active version rolled out again on new containers, as a rolling deployment does (new instances first, then the
    /// old ones drain), so a change to what containers get at start (a service binding's variables) reaches every one.
    /// </summary>
    Restart,
}

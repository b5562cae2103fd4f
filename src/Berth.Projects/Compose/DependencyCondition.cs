namespace Berth.Projects.Compose;

/// <summary>The <c>depends_on</c> conditions of the Compose Specification.</summary>
public enum DependencyCondition
{
    /// <summary><c>service_started</c>: its containers were started.</summary>
    Started,
    /// <summary><c>service_healthy</c>: its instances pass their health check.</summary>
    Healthy,
    /// <summary><c>service_completed_successfully</c>: it ran to completion with exit code 0.</summary>
    CompletedSuccessfully,
}

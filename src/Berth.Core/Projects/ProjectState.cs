namespace Berth.Core.Projects;

/// <summary>Where a project's last deploy, rollback or delete stands.</summary>
public enum ProjectState
{
    Deploying,
    Running,
    Failed,
    Deleting,
}

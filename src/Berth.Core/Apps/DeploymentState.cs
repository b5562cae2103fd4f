namespace Berth.Core.Apps;

public enum DeploymentState
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

namespace Berth.Projects.Planning;

/// <summary>How a service differs between the running revision and the next.</summary>
public enum ChangeKind
{
    Unchanged,
    Added,
    Changed,
    Removed,
}

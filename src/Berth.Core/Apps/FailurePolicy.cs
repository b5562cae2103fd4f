namespace Berth.Core.Apps;

/// <summary>What Berth does with an instance that failed its health checks.</summary>
public enum FailurePolicy
{
    Restart,
    Replace,
    Remove,
}

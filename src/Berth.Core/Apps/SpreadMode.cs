namespace Berth.Core.Apps;

/// <summary>Whether an app's instances go to different hosts.</summary>
public enum SpreadMode
{
    /// <summary>The strategy alone decides; several instances may share a host.</summary>
    None,
    /// <summary>Never two instances of a version on one host: placement fails when no other host fits.</summary>
    Hard,
    /// <summary>Prefer hosts with fewer instances of the version, and share one only when no other fits.</summary>
    Soft,
}

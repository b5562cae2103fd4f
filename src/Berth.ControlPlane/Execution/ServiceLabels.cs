namespace Berth.ControlPlane.Execution;

/// <summary>
/// The label that marks a service's container. Service containers carry no <c>berth.managed</c> label, so the app
/// machinery (reconciler, engine-event follower, health monitor) never mistakes one for a stray instance.
/// </summary>
internal static class ServiceLabels
{
    public const string Service = "berth.service";
}

namespace Berth.ControlPlane.Reconciliation;

/// <summary>
/// Whether this control plane is alone on its installation's state. With a discovery store local to the process
/// (embedded) no other control plane can share it, so whatever is half-done in the store at start is an orphan of this
/// process's previous life, and no election is needed; with a shared store (etcd) others may be mid-way through work.
/// </summary>
public sealed record ControlPlaneScope(bool Alone);

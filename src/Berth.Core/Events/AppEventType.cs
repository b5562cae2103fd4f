namespace Berth.Core.Events;

/// <summary>What happened to an app; <see cref="AppEvent.Message"/> says the details.</summary>
public enum AppEventType
{
    /// <summary>A new instance passed its first health check and joined discovery.</summary>
    InstanceStarted,
    /// <summary>A new instance never became healthy and was removed; its last log lines are kept with the event.</summary>
    StartFailed,
    /// <summary>An instance failed its health checks too often and left discovery.</summary>
    Unhealthy,
    /// <summary>An instance passed its health check again and is back in discovery.</summary>
    Recovered,
    /// <summary>An instance's container exited or was killed; it left discovery at once.</summary>
    Exited,
    /// <summary>An instance's container was restarted in place.</summary>
    Restarted,
    /// <summary>A failed instance was removed and a new one started in its place.</summary>
    Replaced,
    /// <summary>A failed instance was removed and not replaced: the app runs with fewer instances.</summary>
    Removed,
    /// <summary>An instance was stopped and removed by a deployment, a scale-down or a delete.</summary>
    Retired,
    /// <summary>An instance whose container or host is gone was given up; a new one takes its place.</summary>
    Lost,
    /// <summary>A host stopped answering its heartbeats.</summary>
    HostDown,
    /// <summary>A host answers its heartbeats again.</summary>
    HostUp,
    /// <summary>The reconciler took over a running container a crash had left unrecorded.</summary>
    Adopted,
    /// <summary>The reconciler closed a difference between the store, the engines and discovery.</summary>
    Reconciled,
    /// <summary>Starting a missing or replacement instance failed; it is retried later.</summary>
    LaunchFailed,
    /// <summary>A deployment stopped half-way because its control plane stopped.</summary>
    DeploymentInterrupted,
    /// <summary>A new instance's host port was taken by something outside Berth: the port is blocked for a while and the instance tries another.</summary>
    PortBlocked,
    /// <summary>An app was bound to a managed service: a user of its own was made and the app rolled out with the variables.</summary>
    Bound,
    /// <summary>A binding was removed: the app rolled out without its variables and its user was dropped.</summary>
    Unbound,
    /// <summary>A backup of a managed service was written, with its size and checksum.</summary>
    BackedUp,
    /// <summary>A backup of a managed service failed; the backup is recorded as failed with the reason.</summary>
    BackupFailed,
    /// <summary>A managed service's data was replaced by a backup's.</summary>
    Restored,
    /// <summary>The autoscaler changed the app's instance count; the message names the figures it used.</summary>
    Autoscaled,
    /// <summary>A certificate for one of the app's domains was issued over ACME; the message names its issuer and expiry.</summary>
    CertificateIssued,
    /// <summary>A certificate for one of the app's domains was renewed over ACME; the message names its issuer and expiry.</summary>
    CertificateRenewed,
    /// <summary>Issuing or renewing a certificate failed; the message holds the ACME problem document, and any previous certificate keeps serving.</summary>
    CertificateFailed,
    /// <summary>An idle app with autoscaling down to 0 was put to sleep: its instances retired, gateways hold its next request.</summary>
    Slept,
    /// <summary>A request woke a sleeping app: one instance was started; the message says who asked and how long it took.</summary>
    Woken,
    /// <summary>Waking a sleeping app failed; the message says why (its held requests got 503).</summary>
    WakeFailed,
    /// <summary>A project deploy ignored a compose key (deployed with <c>--allow-ignored</c>); the message names it and where it is.</summary>
    KeyIgnored,
    /// <summary>A project revision runs; the message says how many services it changed.</summary>
    RevisionDeployed,
    /// <summary>A project revision failed; the message gives the service and the reason, and what keeps running.</summary>
    RevisionFailed,
    /// <summary>A managed service moved to another host through a backup; the message says the downtime.</summary>
    Moved,
    /// <summary>A one-shot project service (a migration, a seed) ran to completion with exit code 0.</summary>
    Completed,
    /// <summary>A one-shot project service exited with another code or could not run; the message says which, with its last log lines.</summary>
    CompletionFailed,
    /// <summary>No host had room for an app's instances, so the provisioner was asked for one; the message gives the scheduler's refusals.</summary>
    HostRequested,
    /// <summary>A provisioned host's engine answered and the host joined; the message names its engine and capacity.</summary>
    HostProvisioned,
    /// <summary>Provisioning a host failed (the provisioner, its answer, or an engine that never answered); nothing of it stays registered.</summary>
    ProvisionFailed,
    /// <summary>A host was wanted but none was provisioned: the most provisioned hosts exist already, or the cooldown since the last one runs.</summary>
    ProvisionRefused,
    /// <summary>A provisioned host stayed empty: it was drained and left the hosts.</summary>
    HostDrained,
    /// <summary>The provisioner destroyed a provisioned host (empty, or one that never joined).</summary>
    HostDestroyed,
    /// <summary>Destroying a provisioned host failed; the reaper tries again on each pass.</summary>
    DestroyFailed,
}

namespace Berth.ControlPlane.Reconciliation;

/// <summary>Background work only one control plane may do at a time: probing, following engines, reconciling.</summary>
internal interface ILeaderWork
{
    /// <summary>A name for logs.</summary>
    string Name { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (shutdown or lost leadership).</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

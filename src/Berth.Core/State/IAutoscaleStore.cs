using Berth.Core.Scaling;

namespace Berth.Core.State;

/// <summary>The apps' autoscale policies, one per app at most; an app's policy goes with the app.</summary>
public interface IAutoscaleStore
{
    /// <summary>Sets the app's policy, replacing the one it had; throws <see cref="KeyNotFoundException"/> for an unknown app.</summary>
    Task PutAutoscalePolicyAsync(AutoscalePolicy policy, CancellationToken cancellationToken);

    /// <summary>The app's policy, or null when it has none.</summary>
    Task<AutoscalePolicy?> GetAutoscalePolicyAsync(string appId, CancellationToken cancellationToken);

    /// <summary>Removes the app's policy; false when it had none.</summary>
    Task<bool> DeleteAutoscalePolicyAsync(string appId, CancellationToken cancellationToken);

    /// <summary>Every app's policy, by app id.</summary>
    Task<IReadOnlyList<AutoscalePolicy>> ListAutoscalePoliciesAsync(CancellationToken cancellationToken);
}

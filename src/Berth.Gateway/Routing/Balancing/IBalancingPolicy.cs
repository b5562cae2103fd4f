namespace Berth.Gateway.Routing.Balancing;

/// <summary>Chooses the instance of a version group a request goes to.</summary>
internal interface IBalancingPolicy
{
    /// <summary>The policy's name, one of <see cref="Core.Gateway.BalancingPolicies"/>.</summary>
    string Name { get; }

    /// <summary>
    /// An instance of <paramref name="group"/> that is available at <paramref name="now"/> and is not
    /// <paramref name="exclude"/> (the instance a retried request just failed on); null when there is none.
    /// </summary>
    RouteDestination? Pick(VersionGroup group, long now, RouteDestination? exclude);
}

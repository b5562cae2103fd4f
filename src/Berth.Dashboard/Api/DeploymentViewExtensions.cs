using Berth.Contracts;

namespace Berth.Dashboard.Api;

/// <summary>What the pages ask of a deployment, read from the API's state and strategy names.</summary>
internal static class DeploymentViewExtensions
{
    extension(DeploymentView deployment)
    {
        /// <summary>True for a deployment that started a canary beside the active version.</summary>
        public bool IsCanary => deployment.Strategy == DeploymentStrategies.Canary;

        /// <summary>True while the deployment is still under way.</summary>
        public bool InProgress => deployment.State is DeploymentStates.Pending or DeploymentStates.Running;
    }
}

namespace Berth.ControlPlane.Deployments;

/// <summary>A deployment step failed for a reason a user should read.</summary>
internal sealed class DeploymentFailedException(string reason, Exception? inner = null) : Exception(reason, inner);

namespace Berth.ControlPlane.Deployments;

/// <summary>A deployment setting in the configuration is not usable; the message says what to change.</summary>
public sealed class DeploymentSettingsException(string message) : Exception(message);

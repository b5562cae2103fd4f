namespace Berth.ControlPlane.Provisioning;

/// <summary>The provisioner failed, timed out or printed something that is not a host; the message says which, for a deployment's reason.</summary>
internal sealed class ProvisionerException(string message) : Exception(message);

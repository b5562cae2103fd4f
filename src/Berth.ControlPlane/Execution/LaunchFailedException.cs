namespace Berth.ControlPlane.Execution;

/// <summary>
/// A launch the executor gave up on, with a reason for a deployment or an event: no host can take the instances, an
/// image is missing, an instance did not turn healthy… Everything the launch had started is retired by then.
/// </summary>
internal sealed class LaunchFailedException(string reason, Exception? inner = null) : Exception(reason, inner);

namespace Berth.ControlPlane.Services;

/// <summary>Where the control plane reaches a service's server (its host's address and published port), and as whom.</summary>
internal sealed record ServiceAddress(string Host, int Port, string AdminPassword)
{
    /// <summary>How long one connection or command may take before the server counts as not answering.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
}

namespace Berth.Discovery;

/// <summary>
/// The discovery backend refused the request: missing or wrong credentials, or a user whose role does not allow it
/// (for instance the gateway's read-only role trying to write).
/// </summary>
public sealed class DiscoveryAccessDeniedException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> says what was refused and why.</summary>
    public DiscoveryAccessDeniedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

using System.Security.Cryptography;

namespace Berth.Contracts;

/// <summary>
/// A secret that lives only in this process, so the API in the same process can tell the dashboard's calls apart from
/// anyone else's on loopback and attribute them to the browser behind them (rate limits, audit), not to 127.0.0.1.
/// </summary>
public sealed class DashboardRelay
{
    /// <summary>The header carrying <see cref="Key"/>.</summary>
    public const string KeyHeader = "X-Berth-Relay";

    /// <summary>The header carrying the browser's address.</summary>
    public const string ClientHeader = "X-Berth-Relay-Client";

    /// <summary>A random key made at start; it never leaves the process.</summary>
    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when <paramref name="presented"/> is this process's key (compared in constant time).</summary>
    public bool IsKey(string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(presented), System.Text.Encoding.ASCII.GetBytes(Key));
}

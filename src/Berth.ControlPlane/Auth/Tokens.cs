using System.Security.Cryptography;
using System.Text;

namespace Berth.ControlPlane.Auth;

/// <summary>
/// Bearer tokens: 256 random bits, stored only as a SHA-256 hash. A fast hash is enough because the
/// tokens are random, not passwords a person chose.
/// </summary>
internal static class Tokens
{
    public static string New() => "berth_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A token's public id: 48 random bits in hex, enough to tell a tenant's tokens apart.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Whether <paramref name="token"/> hashes to <paramref name="storedHash"/>, compared in constant time so the
    /// time taken says nothing about how much of it matched.
    /// </summary>
    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}

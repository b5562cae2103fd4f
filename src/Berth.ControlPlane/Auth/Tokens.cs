using System.Security.Cryptography;
using System.Text;

namespace Berth.ControlPlane.Auth;

/// <summary>
/// Bearer tokens: 256 random bits, stored only as a SHA-256 hash. A fast hash is enough because the
/// tokens are random, not passwords a person chose.
/// </summary>
public static class Tokens
{
    public static string New() => "berth_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

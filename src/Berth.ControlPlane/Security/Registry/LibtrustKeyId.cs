using System.Security.Cryptography;
using System.Text;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// The key id the Docker registry expects in a token's <c>kid</c> header (the libtrust format): SHA-256 of the
/// DER SubjectPublicKeyInfo, first 240 bits, base32 without padding, in twelve groups of four joined by <c>:</c>.
/// </summary>
internal static class LibtrustKeyId
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string From(byte[] subjectPublicKeyInfo)
    {
        var base32 = Base32(SHA256.HashData(subjectPublicKeyInfo).AsSpan(0, 30));
        return string.Join(':', Enumerable.Range(0, base32.Length / 4).Select(i => base32.Substring(i * 4, 4)));
    }

    /// <summary>RFC 4648 base32; 30 bytes are exactly 48 characters, so there is never padding.</summary>
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 8 / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        return text.ToString();
    }
}

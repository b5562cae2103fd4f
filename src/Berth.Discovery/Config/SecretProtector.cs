using System.Security.Cryptography;
using System.Text;

namespace Berth.Discovery.Config;

/// <summary>
/// Encrypts secret config values before they reach the discovery store (AES-256-GCM, a fresh nonce per
/// value). The key path is bound in as associated data, so a ciphertext copied to another key fails to open.
/// </summary>
public sealed class SecretProtector
{
    /// <summary>Marks a stored value as sealed by this protector.</summary>
    public const string Prefix = "aesgcm:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <param name="key">32 bytes.</param>
    public SecretProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("the secret key must be 32 bytes (AES-256)", nameof(key));
        }

        _key = key;
    }

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string plaintext, string path)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(path));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a value made by <see cref="Protect"/>; throws <see cref="CryptographicException"/> if it was tampered with or moved.</summary>
    public string Unprotect(string stored, string path)
    {
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("the secret value is truncated");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(path));
        return Encoding.UTF8.GetString(plain);
    }
}

using System.Security.Cryptography;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// The P-256 private key registry tokens are signed with (ES256). The registry holds a certificate of its
/// public half (its <c>rootcertbundle</c>) and finds it by <see cref="KeyId"/>.
/// </summary>
public sealed class RegistrySigningKey : IDisposable
{
    private RegistrySigningKey(ECDsa key)
    {
        Key = key;
        KeyId = LibtrustKeyId.From(key.ExportSubjectPublicKeyInfo());
    }

    public ECDsa Key { get; }

    /// <summary>The libtrust key id of the public key.</summary>
    public string KeyId { get; }

    /// <summary>Reads a PEM private key (<c>openssl ecparam -name prime256v1 -genkey</c>, PKCS#8 or SEC 1).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The file holds no P-256 private key.</exception>
    public static RegistrySigningKey Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the registry signing key {path} does not exist (scripts/registry-auth.sh makes one)", path);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256)
            {
                throw new FormatException($"the registry signing key {path} is a {key.KeySize}-bit EC key; ES256 needs a P-256 key");
            }

            return new RegistrySigningKey(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException($"the registry signing key {path} is not a PEM EC private key: {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => Key.Dispose();
}

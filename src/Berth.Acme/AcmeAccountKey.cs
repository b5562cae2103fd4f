using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Acme;

/// <summary>An ACME account's P-256 key: signs requests with ES256 and names itself by JWK or thumbprint.</summary>
public sealed class AcmeAccountKey : IDisposable
{
    private readonly ECDsa _key;

    private AcmeAccountKey(ECDsa key)
    {
        _key = key;
        var members = AcmeJwk.Members(key.ExportParameters(includePrivateParameters: false));
        Jwk = AcmeJwk.CanonicalJson(members);
        Thumbprint = AcmeJwk.Thumbprint(members);
    }

    /// <summary>The public key as a JWK (canonical JSON), for the <c>jwk</c> header of newAccount.</summary>
    public string Jwk { get; }

    /// <summary>The key's RFC 7638 thumbprint, the second half of every key authorization.</summary>
    public string Thumbprint { get; }

    /// <summary>A new random key.</summary>
    public static AcmeAccountKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>A key read from PKCS#8 PEM (as <see cref="ExportPem"/> writes it).</summary>
    public static AcmeAccountKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new ArgumentException("An ACME account key must be an ECDSA P-256 key.", nameof(pem));
        }

        return new AcmeAccountKey(key);
    }

    /// <summary>The private key as PKCS#8 PEM, to keep the account across restarts.</summary>
    public string ExportPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>What the HTTP-01 challenge with <paramref name="token"/> must answer: <c>token.thumbprint</c>.</summary>
    public string KeyAuthorization(string token) => token + "." + Thumbprint;

    /// <summary>
    /// A flattened JWS (RFC 7515 §7.2.2) of <paramref name="payload"/> for <paramref name="url"/>, ES256 with the
    /// signature as raw r‖s; the key is named by <paramref name="kid"/> (the account URL) or, when null, by its JWK.
    /// An empty payload is a POST-as-GET.
    /// </summary>
    public byte[] Sign(string url, string nonce, string? kid, ReadOnlySpan<byte> payload)
    {
        var header = new StringBuilder("{\"alg\":\"ES256\",");
        header.Append(kid is null ? "\"jwk\":" + Jwk : "\"kid\":" + Quote(kid));
        header.Append(",\"nonce\":").Append(Quote(nonce)).Append(",\"url\":").Append(Quote(url)).Append('}');
        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToString()));
        var encodedPayload = Base64Url.EncodeToString(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(encodedHeader + "." + encodedPayload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Encoding.UTF8.GetBytes(
            $"{{\"protected\":\"{encodedHeader}\",\"payload\":\"{encodedPayload}\",\"signature\":\"{Base64Url.EncodeToString(signature)}\"}}");
    }

    public void Dispose() => _key.Dispose();

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, AcmeJsonContext.Default.String);
}

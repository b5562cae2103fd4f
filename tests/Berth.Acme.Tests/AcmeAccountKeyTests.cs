using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Berth.Acme.Tests;

public sealed class AcmeAccountKeyTests
{
    [Fact]
    public void Sign_WithoutKid_HeaderCarriesJwkAndSignatureVerifies()
    {
        using var key = AcmeAccountKey.Create();

        var jws = Parse(key.Sign("https://acme.test/new-account", "nonce-1", null, "{\"a\":1}"u8));
        var header = Decode(jws, "protected");

        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("nonce-1", header.GetProperty("nonce").GetString());
        Assert.Equal("https://acme.test/new-account", header.GetProperty("url").GetString());
        Assert.False(header.TryGetProperty("kid", out _));
        Assert.Equal(key.Jwk, header.GetProperty("jwk").GetRawText());
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(jws.GetProperty("payload").GetString())));
        Assert.True(Verifies(key, jws));
    }

    [Fact]
    public void Sign_WithKidAndEmptyPayload_PostAsGetNamedByKid()
    {
        using var key = AcmeAccountKey.Create();

        var jws = Parse(key.Sign("https://acme.test/order/1", "nonce-2", "https://acme.test/account/7", []));
        var header = Decode(jws, "protected");

        Assert.Equal("https://acme.test/account/7", header.GetProperty("kid").GetString());
        Assert.False(header.TryGetProperty("jwk", out _));
        Assert.Equal("", jws.GetProperty("payload").GetString());
        Assert.True(Verifies(key, jws));
    }

    [Fact]
    public void KeyAuthorization_Token_TokenDotThumbprint()
    {
        using var key = AcmeAccountKey.Create();

        Assert.Equal("tok_en-1." + key.Thumbprint, key.KeyAuthorization("tok_en-1"));
    }

    [Fact]
    public void FromPem_ExportedKey_SameThumbprint()
    {
        using var key = AcmeAccountKey.Create();

        using var read = AcmeAccountKey.FromPem(key.ExportPem());

        Assert.Equal(key.Thumbprint, read.Thumbprint);
    }

    [Fact]
    public void FromPem_P384Key_Refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => AcmeAccountKey.FromPem(other.ExportPkcs8PrivateKeyPem()));
    }

    private static JsonElement Parse(byte[] jws) => JsonDocument.Parse(jws).RootElement;

    private static JsonElement Decode(JsonElement jws, string part) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(jws.GetProperty(part).GetString())).RootElement;

    /// <summary>Checks the signature with the public key taken from the JWK, as a server does.</summary>
    private static bool Verifies(AcmeAccountKey key, JsonElement jws)
    {
        var jwk = JsonDocument.Parse(key.Jwk).RootElement;
        using var publicKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()), Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()) },
        });
        var signingInput = Encoding.ASCII.GetBytes(jws.GetProperty("protected").GetString() + "." + jws.GetProperty("payload").GetString());
        var signature = Base64Url.DecodeFromChars(jws.GetProperty("signature").GetString());
        return signature.Length == 64 && publicKey.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}

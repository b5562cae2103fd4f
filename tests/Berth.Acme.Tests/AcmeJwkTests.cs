using System.Buffers.Text;
using System.Security.Cryptography;

namespace Berth.Acme.Tests;

public sealed class AcmeJwkTests
{
    // RFC 7638 §3.1: the RSA key of the example and its published thumbprint.
    private const string Rfc7638Modulus =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    private const string Rfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    [Fact]
    public void Thumbprint_Rfc7638Example_MatchesPublishedValue()
    {
        var thumbprint = AcmeJwk.Thumbprint([new("n", Rfc7638Modulus), new("kty", "RSA"), new("e", "AQAB")]);

        Assert.Equal(Rfc7638Thumbprint, thumbprint);
    }

    [Fact]
    public void CanonicalJson_MembersInAnyOrder_SortedWithoutWhitespace()
    {
        var json = AcmeJwk.CanonicalJson([new("n", "N"), new("kty", "RSA"), new("e", "AQAB")]);

        Assert.Equal("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"N\"}", json);
    }

    [Fact]
    public void Members_P256Key_CoordinatesAsBase64Url()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(false);

        var members = AcmeJwk.Members(parameters).ToDictionary(m => m.Key, m => m.Value);

        Assert.Equal("EC", members["kty"]);
        Assert.Equal("P-256", members["crv"]);
        Assert.Equal(parameters.Q.X, Base64Url.DecodeFromChars(members["x"]));
        Assert.Equal(parameters.Q.Y, Base64Url.DecodeFromChars(members["y"]));
    }
}

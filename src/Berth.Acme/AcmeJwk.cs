using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Acme;

/// <summary>
/// JSON Web Keys as ACME needs them: the required members of a public key, written in RFC 7638's canonical form
/// (members sorted, no whitespace), which is both what goes in a <c>jwk</c> header and what the thumbprint hashes.
/// </summary>
internal static class AcmeJwk
{
    /// <summary>The required members of a P-256 public key: <c>crv</c>, <c>kty</c>, <c>x</c>, <c>y</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Members(ECParameters key) =>
    [
        new("crv", "P-256"),
        new("kty", "EC"),
        new("x", Base64Url.EncodeToString(key.Q.X)),
        new("y", Base64Url.EncodeToString(key.Q.Y)),
    ];

    /// <summary>The canonical JSON of a key's required members (RFC 7638 §3.3: sorted by name, no whitespace).</summary>
    public static string CanonicalJson(IEnumerable<KeyValuePair<string, string>> members)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            // Member names and base64url values never need escaping.
            json.Append(json.Length > 1 ? ",\"" : "\"").Append(name).Append("\":\"").Append(value).Append('"');
        }

        return json.Append('}').ToString();
    }

    /// <summary>The RFC 7638 thumbprint: base64url of the SHA-256 of the canonical JSON.</summary>
    public static string Thumbprint(IEnumerable<KeyValuePair<string, string>> members) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(members))));
}

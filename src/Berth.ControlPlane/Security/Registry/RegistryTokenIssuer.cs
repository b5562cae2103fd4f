using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Registry;

/// <summary>
/// Signs the JWTs the Docker registry accepts (token authentication): ES256 with the raw r‖s signature, the
/// libtrust <c>kid</c>, <c>aud</c> as a plain string and the granted <c>access</c> list.
/// Off (<see cref="Enabled"/> false) when Berth has no signing key: the registry is then open and needs no tokens.
/// </summary>
public sealed class RegistryTokenIssuer(RegistrySigningKey? key, IOptions<BerthOptions> options, TimeProvider time)
{
    public bool Enabled => key is not null;

    /// <summary>A token for <paramref name="subject"/> granting exactly <paramref name="access"/>.</summary>
    public IssuedRegistryToken Issue(string subject, IReadOnlyList<RegistryScope> access)
    {
        if (key is null)
        {
            throw new InvalidOperationException("registry token authentication is off: no signing key is configured");
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var header = Json(writer =>
        {
            writer.WriteString("typ", "JWT");
            writer.WriteString("alg", "ES256");
            writer.WriteString("kid", key.KeyId);
        });
        var claims = Json(writer =>
        {
            writer.WriteString("iss", settings.RegistryIssuer);
            writer.WriteString("sub", subject);
            writer.WriteString("aud", settings.RegistryService);
            writer.WriteNumber("exp", now.AddSeconds(settings.RegistryTokenSeconds).ToUnixTimeSeconds());
            writer.WriteNumber("nbf", now.ToUnixTimeSeconds());
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteString("jti", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            writer.WriteStartArray("access");
            foreach (var scope in access)
            {
                writer.WriteStartObject();
                writer.WriteString("type", scope.Type);
                writer.WriteString("name", scope.Name);
                writer.WriteStartArray("actions");
                foreach (var action in scope.Actions)
                {
                    writer.WriteStringValue(action);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(claims)}";
        // .NET signs in the IEEE P1363 form (r‖s, 64 bytes), which is what JWS wants; DER would be refused.
        var signature = key.Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return new IssuedRegistryToken($"{signingInput}.{Base64Url.EncodeToString(signature)}", now, settings.RegistryTokenSeconds);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

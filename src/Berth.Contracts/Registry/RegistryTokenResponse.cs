using System.Text.Json.Serialization;

namespace Berth.Contracts;

/// <summary>The token server's answer, in the field names the Docker registry protocol uses.</summary>
public sealed record RegistryTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("issued_at")] DateTimeOffset IssuedAt);

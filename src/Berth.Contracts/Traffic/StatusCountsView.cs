using System.Text.Json.Serialization;

namespace Berth.Contracts;

/// <summary>Responses by status class.</summary>
public sealed record StatusCountsView(
    [property: JsonPropertyName("1xx")] long Informational,
    [property: JsonPropertyName("2xx")] long Success,
    [property: JsonPropertyName("3xx")] long Redirection,
    [property: JsonPropertyName("4xx")] long ClientError,
    [property: JsonPropertyName("5xx")] long ServerError);

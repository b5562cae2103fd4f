using System.Text.Json.Serialization;

namespace Berth.Core.Traffic;

/// <summary>Responses by status class.</summary>
public sealed record StatusCounts(
    [property: JsonPropertyName("1xx")] long Informational,
    [property: JsonPropertyName("2xx")] long Success,
    [property: JsonPropertyName("3xx")] long Redirection,
    [property: JsonPropertyName("4xx")] long ClientError,
    [property: JsonPropertyName("5xx")] long ServerError)
{
    /// <summary>The class-by-class sum.</summary>
    public static StatusCounts operator +(StatusCounts a, StatusCounts b) => new(
        a.Informational + b.Informational, a.Success + b.Success, a.Redirection + b.Redirection, a.ClientError + b.ClientError, a.ServerError + b.ServerError);
}

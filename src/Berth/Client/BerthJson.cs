using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Client;

/// <summary>The API's JSON conventions: camelCase names, enums as lowercase strings.</summary>
internal static class BerthJson
{
    /// <summary>Options for talking to the API.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented, for files people read.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) =>
        new(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
}

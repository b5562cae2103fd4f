using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.State.Rows;

/// <summary>JSON columns (env, health check, labels, placement): camelCase properties and enum names, dictionary keys kept as they are.</summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToText<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Parse<T>(string text) =>
        JsonSerializer.Deserialize<T>(text, Options) ?? throw new InvalidDataException($"stored JSON is null: {text}");
}

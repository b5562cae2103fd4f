using System.Text.Json;

namespace Berth.State.Rows;

/// <summary>JSON columns (env, health check, labels): camelCase properties, dictionary keys kept as they are.</summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string ToText<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Parse<T>(string text) =>
        JsonSerializer.Deserialize<T>(text, Options) ?? throw new InvalidDataException($"stored JSON is null: {text}");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Berth.Hosting.Settings;

/// <summary>Settings as JSON for a person to read, with every secret replaced, so the output can be pasted into a ticket.</summary>
internal static partial class MaskedSettings
{
    public const string Mask = "(masked)";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The options' public properties as a JSON object, secrets masked.</summary>
    public static JsonNode Of(object options)
    {
        var node = JsonSerializer.SerializeToNode(options, options.GetType(), Options)!;
        MaskIn(node);
        return node;
    }

    private static void MaskIn(JsonNode node)
    {
        switch (node)
        {
            case JsonObject settings:
                foreach (var (name, value) in settings.ToList())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text) && !string.IsNullOrEmpty(text))
                    {
                        settings[name] = IsSecret(name) ? Mask : name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) ? PasswordPart().Replace(text, $"$1={Mask}") : text;
                    }
                    else if (value is not null)
                    {
                        MaskIn(value);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    MaskIn(item);
                }

                break;
        }
    }

    /// <summary>Secret keys, passwords and tokens; file paths to keys are not secrets (their contents are).</summary>
    private static bool IsSecret(string name) =>
        name.EndsWith("Password", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("Secret", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("(password|pwd)=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();
}

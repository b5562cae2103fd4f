using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Dashboard.Api;

/// <summary>The API's JSON conventions: camelCase names, enums as camelCase strings.</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

using System.Text.Json.Serialization;

namespace Berth.Discovery.Embedded;

/// <summary>One line of the discovery journal.</summary>
internal sealed record JournalRecord(string Op, string Key, string? Value);

[JsonSerializable(typeof(JournalRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class JournalJson : JsonSerializerContext;

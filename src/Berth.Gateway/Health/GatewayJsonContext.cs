using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Gateway.Health;

/// <summary>Source-generated JSON, so the slim host needs no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayHealth))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;

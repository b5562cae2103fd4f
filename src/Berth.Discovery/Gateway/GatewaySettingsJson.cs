using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Gateway;

namespace Berth.Discovery.Gateway;

/// <summary>The JSON of gateway settings values in discovery (traffic and HTTPS policies, blacklists); source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TrafficPolicy))]
[JsonSerializable(typeof(HttpsPolicy))]
[JsonSerializable(typeof(string[]))]
public sealed partial class GatewaySettingsJson : JsonSerializerContext;

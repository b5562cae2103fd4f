using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Admin;

/// <summary>Source-generated JSON for the admin surface, and for whoever reads it (the control plane merges reports).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayHealth))]
[JsonSerializable(typeof(TrafficReport))]
[JsonSerializable(typeof(TrafficSeries))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;

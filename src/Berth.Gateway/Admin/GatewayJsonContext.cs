using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Traffic;
using Berth.Gateway.Statistics;

namespace Berth.Gateway.Admin;

/// <summary>Source-generated JSON for the admin surface (the gateway runs NativeAOT); the control plane reads the same JSON.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayHealth))]
[JsonSerializable(typeof(TrafficReport))]
[JsonSerializable(typeof(TrafficSeries))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Berth.Acme;

/// <summary>Source-generated JSON for the ACME resources (camelCase, as RFC 8555 names them).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeOrder))]
[JsonSerializable(typeof(AcmeAuthorization))]
[JsonSerializable(typeof(AcmeProblem))]
[JsonSerializable(typeof(AcmeNewAccount))]
[JsonSerializable(typeof(AcmeNewOrder))]
[JsonSerializable(typeof(AcmeFinalize))]
[JsonSerializable(typeof(string))]
internal sealed partial class AcmeJsonContext : JsonSerializerContext;

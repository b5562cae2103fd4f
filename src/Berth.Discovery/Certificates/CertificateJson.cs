using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Discovery.Certificates;

/// <summary>The JSON of certificate store entries; source-generated (the NativeAOT gateway reads them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredCertificate))]
internal sealed partial class CertificateJson : JsonSerializerContext;

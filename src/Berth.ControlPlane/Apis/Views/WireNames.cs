using System.Text.Json;

namespace Berth.ControlPlane.Apis.Views;

/// <summary>
/// An enum value as the API writes it: the camelCase name the JSON options' string-enum converter gives, so a contract's
/// string field carries exactly what the enum carried before.
/// </summary>
internal static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

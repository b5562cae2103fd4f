using System.Globalization;
using Berth.Contracts;

namespace Berth.Dashboard.Pages.Apps;

/// <summary>
/// What the create-app form holds, as typed. Only what the browser cannot send is checked here (a number field that
/// is not a number); every rule about values is the API's, and its messages are shown as they come.
/// </summary>
internal sealed class CreateAppForm
{
    public string? Id { get; set; }
    public string? Image { get; set; }
    public string? Port { get; set; }
    public string? MemoryMb { get; set; }
    public string? CpuShares { get; set; }
    public string? HealthPath { get; set; }

    public (CreateAppRequest Request, Dictionary<string, string[]> Errors) ToRequest()
    {
        var errors = new Dictionary<string, string[]>();
        int? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[field] = ["must be a whole number"];
            return null;
        }

        var request = new CreateAppRequest(
            Id?.Trim() ?? "",
            Blank(Image),
            Number(Port, "port"),
            Number(MemoryMb, "memoryMb"),
            Number(CpuShares, "cpuShares"),
            Env: null,
            HealthCheck: Blank(HealthPath) is { } path ? new HealthCheckRequest(path, null, null, null) : null,
            OnFailure: null,
            DrainSeconds: null);
        return (request, errors);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

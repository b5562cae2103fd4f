using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.ControlPlane.Tests.OpenApi;

/// <summary>
/// The API's OpenAPI document, as a running Berth serves it, against the copy checked in beside this file: a change to
/// the API's shape shows in review as a change to <c>openapi.v1.json</c>, never by accident.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private const string RefreshVariable = "BERTH_OPENAPI_REFRESH";
    private BerthTestServer _berth = null!;

    public async ValueTask InitializeAsync() => _berth = await BerthTestServer.StartAsync();

    public ValueTask DisposeAsync() => _berth.DisposeAsync();

    [Fact]
    public async Task OpenApi_ServedDocument_MatchesCheckedInCopy()
    {
        var anonymous = _berth.Client(token: null);
        var served = Normalized(await anonymous.GetStringAsync("/openapi/v1.json"));
        var path = CheckedInPath();

        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var checkedIn = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.True(
            checkedIn == served,
            $"The API's OpenAPI document differs from {path}. If the change is meant, refresh the copy with " +
            $"'{RefreshVariable}=1 dotnet test --project tests/Berth.ControlPlane.Tests -- --filter-class \"*OpenApiDocumentTests\"' and commit it.");
    }

    /// <summary>The document without its <c>servers</c> (the address this test's server happened to listen on), indented.</summary>
    private static string Normalized(string document)
    {
        var json = JsonNode.Parse(document)!.AsObject();
        json.Remove("servers");
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string CheckedInPath([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "openapi.v1.json");
}

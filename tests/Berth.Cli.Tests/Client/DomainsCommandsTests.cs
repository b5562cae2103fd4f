using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class DomainsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Add_Domain_SendsItAndSaysWhereToPointIt()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPost("/v1/apps/web/domains", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(new { domain = "www.example.com", appId = "web", target = "web.localhost", createdAt = DateTimeOffset.UnixEpoch }, statusCode: 201);
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "add", "web", "WWW.example.com", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("WWW.example.com", sent.GetProperty("domain").GetString());
        Assert.Contains("www.example.com routes to web; point it at web.localhost with a CNAME record.", result.Out);
    }

    [Fact]
    public async Task List_VerifiedAndPending_TableWithStatusAndRecord()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps/web/domains", () => Results.Json(new[]
            {
                new { domain = "a.example.com", appId = "web", target = "web.localhost", createdAt = DateTimeOffset.UnixEpoch, status = "verified", verification = (object?)null },
                new
                {
                    domain = "b.example.com", appId = "web", target = "web.localhost", createdAt = DateTimeOffset.UnixEpoch, status = "pending",
                    verification = (object?)new { type = "TXT", name = "_berth.b.example.com", value = "berth-1234" },
                },
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "list", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("DOMAIN          STATUS     CNAME TARGET    TXT RECORD", lines[0]);
        Assert.StartsWith("a.example.com   verified   web.localhost   -  ", lines[1]);
        Assert.StartsWith("b.example.com   pending    web.localhost   _berth.b.example.com=berth-1234", lines[2]);
    }

    [Fact]
    public async Task Remove_Unknown_PrintsTheReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/apps/web/domains/{domain}", (string domain) => Results.Problem($"app 'web' has no domain '{domain}'", statusCode: 404)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "remove", "web", "nope.example.com", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: app 'web' has no domain 'nope.example.com'" + Environment.NewLine, result.Error);
    }

    public void Dispose() => temp.Dispose();
}

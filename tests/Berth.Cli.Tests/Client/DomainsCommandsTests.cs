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
                new
                {
                    domain = "a.example.com", appId = "web", target = "web.localhost", createdAt = DateTimeOffset.UnixEpoch, status = "verified", verification = (object?)null,
                    certificate = (object?)new
                    {
                        domain = "a.example.com", source = "acme", issuer = "CN=Pebble", names = new[] { "a.example.com" },
                        notBefore = DateTimeOffset.UnixEpoch, notAfter = new DateTimeOffset(2026, 12, 13, 10, 0, 0, TimeSpan.Zero), renewAt = (DateTimeOffset?)null,
                    },
                },
                new
                {
                    domain = "b.example.com", appId = "web", target = "web.localhost", createdAt = DateTimeOffset.UnixEpoch, status = "pending",
                    verification = (object?)new { type = "TXT", name = "_berth.b.example.com", value = "berth-1234" }, certificate = (object?)null,
                },
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "list", "web", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("DOMAIN          STATUS     CNAME TARGET    TXT RECORD", lines[0]);
        Assert.Contains("CERTIFICATE", lines[0]);
        Assert.StartsWith("a.example.com   verified   web.localhost   -  ", lines[1]);
        Assert.Contains("acme until 2026-12-13", lines[1]);
        Assert.StartsWith("b.example.com   pending    web.localhost   _berth.b.example.com=berth-1234", lines[2]);
    }

    [Fact]
    public async Task Certificate_ChainAndKey_UploadsTheFilesAndShowsTheResult()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/apps/web/domains/www.example.com/certificate", async (HttpRequest request) =>
            {
                sent = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                return Results.Json(new
                {
                    domain = "www.example.com", source = "upload", issuer = "CN=Shop CA", names = new[] { "www.example.com" },
                    notBefore = DateTimeOffset.UnixEpoch, notAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), renewAt = (DateTimeOffset?)null,
                });
            }));
        string chain = Path.Combine(temp.Path, "chain.pem"), key = Path.Combine(temp.Path, "key.pem");
        await File.WriteAllTextAsync(chain, "CHAIN PEM", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(key, "KEY PEM", TestContext.Current.CancellationToken);

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "certificate", "web", "www.example.com", "--chain", chain, "--key", key, "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("CHAIN PEM", sent.GetProperty("chain").GetString());
        Assert.Equal("KEY PEM", sent.GetProperty("key").GetString());
        Assert.Contains("www.example.com: upload certificate from CN=Shop CA", result.Out);
        Assert.Contains("2027-01-01", result.Out);
    }

    [Fact]
    public async Task Certificate_Refused_PrintsTheReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/apps/web/domains/www.example.com/certificate", () => Results.Problem("the certificate is for shop.test, not www.example.com", statusCode: 400)));
        string chain = Path.Combine(temp.Path, "chain.pem");
        await File.WriteAllTextAsync(chain, "PEM", TestContext.Current.CancellationToken);

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "certificate", "web", "www.example.com", "--chain", chain, "--key", chain, "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: the certificate is for shop.test, not www.example.com" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Certificate_ChainWithoutKey_SaysBothAreNeeded()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "domains", "certificate", "web", "www.example.com", "--chain", "x.pem", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("give both --chain and --key", result.Error);
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

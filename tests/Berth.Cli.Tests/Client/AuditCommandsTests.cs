using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class AuditCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Audit_WithFilters_PassesThemAndPrintsWhoDidWhat()
    {
        string? query = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/audit", (HttpRequest request) =>
            {
                query = request.QueryString.Value;
                return Results.Json(new[]
                {
                    new { id = "0002-b", at = DateTimeOffset.UnixEpoch, actor = (string?)null, tokenId = (string?)null, client = "127.0.0.9", method = "DELETE", path = "/v1/apps/x", status = 401 },
                });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "audit", "--actor", "acme", "--limit", "5", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("?actor=acme&limit=5", query);
        Assert.Matches(@"-\s+127\.0\.0\.9\s+DELETE /v1/apps/x\s+401\s+0002-b", result.Out.Split(Environment.NewLine)[1]);
    }

    public void Dispose() => temp.Dispose();
}

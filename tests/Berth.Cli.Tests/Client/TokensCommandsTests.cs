using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class TokensCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Create_WithScope_SendsItAndPrintsTheTokenOnce()
    {
        JsonElement sent = default;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPost("/v1/tenants/acme/tokens", async (HttpRequest request) =>
            {
                sent = await request.ReadFromJsonAsync<JsonElement>();
                return Results.Json(new { id = "abc123", tenant = "acme", scope = "read-only", description = "ci", createdAt = DateTimeOffset.UnixEpoch, token = "berth_secret" }, statusCode: 201);
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "tokens", "create", "acme", "--scope", "read-only", "--description", "ci", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("read-only", "ci"), (sent.GetProperty("scope").GetString(), sent.GetProperty("description").GetString()));
        Assert.Contains("  berth_secret", result.Out);
        Assert.Contains("will not show it again", result.Out);
    }

    [Fact]
    public async Task Ls_Tokens_ShowsIdsScopesAndRevocation()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/tenants/acme/tokens", () => Results.Json(new object[]
            {
                new { id = "aaa111", tenant = "acme", scope = "tenant", description = "", createdAt = DateTimeOffset.UnixEpoch, revokedAt = (DateTimeOffset?)null },
                new { id = "bbb222", tenant = "acme", scope = "read-only", description = "ci", createdAt = DateTimeOffset.UnixEpoch, revokedAt = (DateTimeOffset?)DateTimeOffset.UnixEpoch.AddDays(1) },
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "tokens", "ls", "acme", "--url", api.Url);

        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("ID", lines[0]);
        Assert.Matches(@"^aaa111\s+tenant\s+-\s+\S+ \S+\s+-$", lines[1]);
        Assert.Matches(@"^bbb222\s+read-only\s+ci\s+\S+ \S+\s+\S+ \S+$", lines[2]);
    }

    [Fact]
    public async Task Revoke_UnknownToken_PrintsTheReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/tenants/acme/tokens/nope", () => Results.Problem("tenant 'acme' has no token 'nope'", statusCode: 404)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "tokens", "revoke", "acme", "nope", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no token 'nope'", result.Error);
    }

    public void Dispose() => temp.Dispose();
}

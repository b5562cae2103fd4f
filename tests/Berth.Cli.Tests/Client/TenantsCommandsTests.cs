using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class TenantsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Create_Tenant_PrintsTheTokenOnceWithAWarning()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPost("/v1/tenants", () => Results.Json(new { name = "acme", token = "tok-123" }, statusCode: 201)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "tenants", "create", "acme", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  tok-123", result.Out);
        Assert.Contains("will not show it again", result.Out);
    }

    [Fact]
    public async Task Ls_Tenants_PrintsNamesAndAdminFlag()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/tenants", () => Results.Json(new[]
            {
                new { name = "admin", isAdmin = true, createdAt = DateTimeOffset.UnixEpoch },
                new { name = "acme", isAdmin = false, createdAt = DateTimeOffset.UnixEpoch },
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "tenants", "ls", "--url", api.Url);

        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.StartsWith("NAME    ADMIN   CREATED", lines[0]);
        Assert.StartsWith("admin   yes", lines[1]);
        Assert.StartsWith("acme    no", lines[2]);
    }

    public void Dispose() => temp.Dispose();
}

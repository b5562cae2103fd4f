using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class BaseImagesCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Add_NestedRepository_KeepsItsSlash()
    {
        string? path = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPut("/v1/base-images/{**repository}", (string repository) =>
            {
                path = repository;
                return Results.Json(new { repository, createdAt = DateTimeOffset.UnixEpoch });
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "base-images", "add", "base/nginx", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("base/nginx", path);
        Assert.Contains("base/nginx is a base image.", result.Out);
    }

    public void Dispose() => temp.Dispose();
}

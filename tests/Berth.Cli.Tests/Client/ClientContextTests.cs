using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class ClientContextTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Run_NothingListening_PrintsCannotReachAndExits1()
    {
        string url = $"http://127.0.0.1:{ClosedPort()}";

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "ls", "--url", url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal($"error: cannot reach Berth at {url} (is it running? start it with ./run.sh){Environment.NewLine}", result.Error);
    }

    [Fact]
    public async Task Run_Unauthorized_TellsToLogIn()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/apps", () => Results.Problem(title: "Unauthorized", statusCode: 401)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "ls", "--url", api.Url, "--token", "wrong");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: not authorized — run 'berth login --token …'" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Run_ErrorWithoutProblemBody_PrintsTheStatus()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/hosts", () => Results.StatusCode(503)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: 503 Service Unavailable" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Run_ProblemWithTitleOnly_PrintsTheTitle()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/tenants", () => Results.Problem(title: "Only the admin may list tenants", statusCode: 403)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "tenants", "ls", "--url", api.Url);

        Assert.Equal("error: Only the admin may list tenants" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Run_InvalidUrl_ExplainsAndExits1()
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "apps", "ls", "--url", "localhost:7070");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: invalid Berth URL 'localhost:7070'", result.Error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => temp.Dispose();
}

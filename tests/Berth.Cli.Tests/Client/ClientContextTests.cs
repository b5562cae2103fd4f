using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

/// <summary>How the CLI reports what goes wrong between it and the API, whatever the command.</summary>
public sealed class ClientContextTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Run_NothingListening_PrintsCannotReachAndExits1()
    {
        string url = $"http://127.0.0.1:{ClosedPort()}";

        CliResult result = await CliRunner.RunAsync(_temp.Environment(), "apps", "ls", "--url", url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal($"error: cannot reach Berth at {url} (is it running? start it with ./run.sh){Environment.NewLine}", result.Error);
    }

    [Fact]
    public async Task Run_ErrorWithoutProblemBody_PrintsTheStatus()
    {
        // The fake: a bare 503 is what a proxy in front of Berth answers while it is down; a running Berth gives none on demand.
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/hosts", () => Results.StatusCode(503)));

        CliResult result = await CliRunner.RunAsync(_temp.Environment(), "hosts", "--url", api.Url);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: 503 Service Unavailable" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Run_ProblemWithTitleOnly_PrintsTheTitle()
    {
        // The fake: Berth's problems carry a detail (Problems.cs), so one with a title only cannot be had from a real server.
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/tenants", () => Results.Problem(title: "Only the admin may list tenants", statusCode: 403)));

        CliResult result = await CliRunner.RunAsync(_temp.Environment(), "tenants", "ls", "--url", api.Url);

        Assert.Equal("error: Only the admin may list tenants" + Environment.NewLine, result.Error);
    }

    [Fact]
    public async Task Run_InvalidUrl_ExplainsAndExits1()
    {
        CliResult result = await CliRunner.RunAsync(_temp.Environment(), "apps", "ls", "--url", "localhost:7070");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: invalid Berth URL 'localhost:7070'", result.Error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _temp.Dispose();
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class HostsCommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Hosts_OneHost_PrintsReservedOverCapacity()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/hosts", () => Results.Json(new[]
            {
                new
                {
                    name = "local",
                    engine = "unix:///var/run/docker.sock",
                    advertiseIp = "127.0.0.1",
                    portRange = "25000-25999",
                    memoryMb = 4096,
                    cpuShares = 2048,
                    reservedMemoryMb = 1024,
                    reservedCpuShares = 512,
                    portsInUse = 2,
                    instances = 2,
                },
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        string row = result.Out.TrimEnd().Split(Environment.NewLine)[1];
        Assert.Equal(["local", "127.0.0.1", "25000-25999", "2", "1024/4096", "512/2048", "2", "unix:///var/run/docker.sock"], row.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose() => temp.Dispose();
}

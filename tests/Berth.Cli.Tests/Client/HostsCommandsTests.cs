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
        Assert.DoesNotContain("Blocked ports", result.Out);
    }

    [Fact]
    public async Task Hosts_BlockedPorts_ListedPerHostBelowTheHosts()
    {
        var until = new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/hosts", () => Results.Json(new[]
            {
                Host("local", new { port = 25003, until, reason = "Bind for 127.0.0.1:25003 failed: port is already allocated" }),
                Host("quiet"),
                Host("e2", new { port = 26001, until, reason = "address already in use" }, new { port = 26002, until, reason = "" }),
            })));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split(Environment.NewLine);
        int title = Array.FindIndex(lines, line => line.StartsWith("Blocked ports", StringComparison.Ordinal));
        Assert.Equal(5, title);
        Assert.Contains("'berth hosts unblock NAME PORT'", lines[title]);
        string shown = Berth.Client.Display.Time(until);
        Assert.Equal(
            [
                ["HOST", "PORT", "UNTIL", "REASON"],
                ["local", "25003", shown, "Bind for 127.0.0.1:25003 failed: port is already allocated"],
                ["e2", "26001", shown, "address already in use"],
                ["e2", "26002", shown, "-"],
            ],
            lines[(title + 1)..].Select(line => line.Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    private static object Host(string name, params object[] blockedPorts) => new
    {
        name,
        engine = "unix:///var/run/docker.sock",
        advertiseIp = "127.0.0.1",
        portRange = "25000-25999",
        memoryMb = 4096,
        cpuShares = 2048,
        reservedMemoryMb = 0,
        reservedCpuShares = 0,
        portsInUse = 0,
        instances = 0,
        blockedPorts,
    };

    public void Dispose() => temp.Dispose();
}

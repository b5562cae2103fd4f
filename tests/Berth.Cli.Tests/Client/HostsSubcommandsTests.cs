using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Berth.Cli.Tests.Client;

public sealed class HostsSubcommandsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    private static object Host(string name, object? labels = null, bool drain = false, int instances = 0) => new
    {
        name,
        engine = "tcp://10.0.0.5:2376",
        advertiseIp = "10.0.0.5",
        portRange = "25000-25999",
        memoryMb = 8192,
        cpuShares = 16384,
        reservedMemoryMb = 0,
        reservedCpuShares = 0,
        portsInUse = instances,
        instances,
        labels = labels ?? new Dictionary<string, string>(),
        drain,
        state = drain ? "draining" : "ready",
    };

    [Fact]
    public async Task Add_WithTlsAndLabels_PostsThemAndSaysWhatTheEngineOffers()
    {
        JsonElement? body = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPost("/v1/hosts", async (HttpRequest request) =>
            {
                body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
                return Results.Json(Host("e1"), statusCode: 201);
            }));

        CliResult result = await CliRunner.RunAsync(
            temp.Environment(),
            "hosts", "add", "e1", "--engine", "tcp://10.0.0.5:2376", "--advertise-ip", "10.0.0.5", "--label", "disk=ssd", "--label", "zone=a",
            "--tls-ca", "/etc/berth/ca.pem", "--tls-cert", "/etc/berth/cert.pem", "--tls-key", "/etc/berth/key.pem", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Added host e1: 8192 MB, 16384 CPU shares, ports 25000-25999 on 10.0.0.5.", result.Out);
        JsonElement sent = Assert.NotNull(body);
        Assert.Equal("tcp://10.0.0.5:2376", sent.GetProperty("engine").GetString());
        Assert.Equal("ssd", sent.GetProperty("labels").GetProperty("disk").GetString());
        Assert.Equal("/etc/berth/key.pem", sent.GetProperty("tls").GetProperty("keyFile").GetString());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("portRange").ValueKind);
    }

    [Fact]
    public async Task Add_PartOfTheTlsFiles_UsageError()
    {
        CliResult result = await CliRunner.RunAsync(
            temp.Environment(), "hosts", "add", "e1", "--engine", "tcp://h:2376", "--advertise-ip", "10.0.0.5", "--tls-ca", "/ca.pem");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--tls-ca, --tls-cert and --tls-key go together", result.Error);
    }

    [Fact]
    public async Task Label_SetAndRemove_PatchesTheMergedSet()
    {
        JsonElement? body = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
        {
            routes.MapGet("/v1/hosts/e1", () => Results.Json(Host("e1", new { zone = "a", old = "x" })));
            routes.MapPatch("/v1/hosts/e1", async (HttpRequest request) =>
            {
                body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
                return Results.Json(Host("e1", new { zone = "b", disk = "ssd" }));
            });
        });

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "label", "e1", "zone=b", "disk=ssd", "old-", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Labels of e1: disk=ssd, zone=b", result.Out.Trim());
        JsonElement labels = Assert.NotNull(body).GetProperty("labels");
        Assert.Equal(["disk", "zone"], labels.EnumerateObject().Select(l => l.Name).Order());
        Assert.Equal(JsonValueKind.Null, body.Value.GetProperty("drain").ValueKind);
    }

    [Fact]
    public async Task Label_BadArgument_UsageErrorNamingIt()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapGet("/v1/hosts/e1", () => Results.Json(Host("e1"))));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "label", "e1", "justakey", "--url", api.Url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("got 'justakey'", result.Error);
    }

    [Fact]
    public async Task DrainAndUndo_PatchDrainOnly()
    {
        var sent = new List<JsonElement>();
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapPatch("/v1/hosts/e1", async (HttpRequest request) =>
            {
                JsonElement patch = (await JsonDocument.ParseAsync(request.Body)).RootElement.Clone();
                sent.Add(patch);
                return Results.Json(Host("e1", drain: patch.GetProperty("drain").GetBoolean(), instances: 3));
            }));

        CliResult drained = await CliRunner.RunAsync(temp.Environment(), "hosts", "drain", "e1", "--url", api.Url);
        CliResult undone = await CliRunner.RunAsync(temp.Environment(), "hosts", "drain", "e1", "--undo", "--url", api.Url);

        Assert.Contains("Draining host e1: 3 instance(s) on it are being moved", drained.Out);
        Assert.Contains("Host e1 takes new instances again.", undone.Out);
        Assert.Equal([true, false], sent.Select(p => p.GetProperty("drain").GetBoolean()));
        Assert.All(sent, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("labels").ValueKind));
    }

    [Fact]
    public async Task Unblock_BlockedPort_DeletesItsBlockAndSaysSo()
    {
        string? deleted = null;
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/hosts/{name}/blocked-ports/{port}", (string name, string port) =>
            {
                deleted = $"{name}:{port}";
                return Results.NoContent();
            }));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "unblock", "e1", "25003", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Port 25003 of host e1 is no longer blocked.", result.Out.Trim());
        Assert.Equal("e1:25003", deleted);
    }

    [Fact]
    public async Task Unblock_PortNotBlocked_PrintsTheServersReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/hosts/e1/blocked-ports/25003", () => Results.Problem("port 25003 of host 'e1' is not blocked", statusCode: 404)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "unblock", "e1", "25003", "--url", api.Url);

        Assert.Equal((1, ""), (result.ExitCode, result.Out));
        Assert.Equal("error: port 25003 of host 'e1' is not blocked", result.Error.Trim());
    }

    [Theory]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    public async Task Unblock_NotAPortNumber_UsageErrorNamingIt(string port)
    {
        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "unblock", "e1", port, "--url", "http://127.0.0.1:9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"PORT must be a port number from 1 to 65535, got '{port}'", result.Error);
    }

    [Fact]
    public async Task Remove_HostWithInstances_PrintsTheServersReasonAndFails()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes =>
            routes.MapDelete("/v1/hosts/e1", () => Results.Problem("host 'e1' still holds 2 instance(s): drain it first", statusCode: 409)));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "rm", "e1", "--url", api.Url);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("drain it first", result.Error);
    }

    [Fact]
    public async Task Remove_EmptyHost_SaysSo()
    {
        await using FakeBerthApi api = await FakeBerthApi.StartAsync(routes => routes.MapDelete("/v1/hosts/e1", () => Results.NoContent()));

        CliResult result = await CliRunner.RunAsync(temp.Environment(), "hosts", "rm", "e1", "--url", api.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Removed host e1.", result.Out.Trim());
    }

    public void Dispose() => temp.Dispose();
}

using System.CommandLine;
using Berth.Hosting;
using Microsoft.Extensions.Configuration;

namespace Berth.Cli.Tests.Hosting;

/// <summary><c>berth up</c> and <c>berth gateway</c> read the gateway's settings from configuration and flags alike.</summary>
public sealed class GatewayFlagsTests
{
    [Fact]
    public void ServerFlags_UpWithGatewaySection_InProcessGatewayGetsTheSettings()
    {
        var options = ReadUp(
            new() { ["Gateway:TrustedProxies:0"] = "10.1.0.0/16", ["Gateway:AdminClients:0"] = "192.0.2.10", ["Gateway:ConnectTimeout"] = "00:00:03" });

        Assert.Equal(["10.1.0.0/16"], options.Gateway.TrustedProxies);
        Assert.Equal(["192.0.2.10"], options.Gateway.AdminClients);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Gateway.ConnectTimeout);
    }

    [Fact]
    public void ServerFlags_UpFlags_WinOverConfiguration()
    {
        var options = ReadUp(new() { ["Gateway:TrustedProxies:0"] = "10.1.0.0/16" }, "--trusted-proxy", "10.2.0.1", "--trusted-proxy", "10.3.0.0/24");

        Assert.Equal(["10.2.0.1", "10.3.0.0/24"], options.Gateway.TrustedProxies);
        Assert.Equal(["127.0.0.0/8", "::1"], options.Gateway.AdminClients);
    }

    [Fact]
    public void GatewayFlags_NothingGiven_Defaults()
    {
        var flags = GatewayFlags.Create();
        var command = new Command("gateway");
        flags.AddTo(command);

        var options = flags.Read(command.Parse([]), new ConfigurationBuilder().Build());

        Assert.Empty(options.TrustedProxies);
        Assert.Equal(["127.0.0.0/8", "::1"], options.AdminClients);
        Assert.Null(options.HttpsUrl);
    }

    [Fact]
    public void ServerFlags_UpWithoutHttpsUrl_ServesHttpsOn7443()
    {
        var options = ReadUp([]);

        Assert.Equal("https://127.0.0.1:7443", options.Gateway.HttpsUrl);
    }

    [Fact]
    public void ServerFlags_UpWithEmptyHttpsUrl_NoHttps()
    {
        var options = ReadUp([], "--https-url", "");

        Assert.Equal("", options.Gateway.HttpsUrl);
    }

    [Fact]
    public void GatewayFlags_HttpsUrlInConfiguration_Read()
    {
        var flags = GatewayFlags.Create();
        var command = new Command("gateway");
        flags.AddTo(command);

        var options = flags.Read(command.Parse([]), new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:HttpsUrl"] = "https://0.0.0.0:443" }).Build());

        Assert.Equal("https://0.0.0.0:443", options.HttpsUrl);
    }

    private static BerthServerOptions ReadUp(Dictionary<string, string?> settings, params string[] args)
    {
        var flags = new ServerFlags(withGateway: true);
        var command = new Command("up");
        flags.AddTo(command);
        return flags.Read(command.Parse(args), new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }
}

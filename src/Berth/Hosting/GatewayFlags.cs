using System.CommandLine;
using Berth.Gateway;
using Microsoft.Extensions.Configuration;

namespace Berth.Hosting;

/// <summary>
/// The gateway's flags over the <c>Gateway</c> configuration section (<c>Gateway__TrustedProxies__0</c> …), read the same
/// way by <c>berth gateway</c> and by <c>berth up</c> for its in-process gateway.
/// </summary>
internal sealed record GatewayFlags(Option<string[]> TrustedProxies, Option<string[]> AdminClients, Option<string?> HttpsUrl)
{
    public static GatewayFlags Create() => new(
        new Option<string[]>("--trusted-proxy")
        {
            Description = "a proxy address or CIDR range whose X-Forwarded-For the gateway believes (for blacklists); repeat for more [config: Gateway:TrustedProxies]",
            AllowMultipleArgumentsPerToken = false,
        },
        new Option<string[]>("--admin-client")
        {
            Description = "an address or CIDR range that may read the gateway's /metrics and statistics; repeat for more [default: loopback; config: Gateway:AdminClients]",
            AllowMultipleArgumentsPerToken = false,
        },
        new Option<string?>("--https-url")
        {
            Description = "where the gateway listens for HTTPS, e.g. https://127.0.0.1:7443; empty for none [config: Gateway:HttpsUrl]",
        });

    public void AddTo(Command command)
    {
        command.Options.Add(TrustedProxies);
        command.Options.Add(AdminClients);
        command.Options.Add(HttpsUrl);
    }

    /// <summary>The settings from configuration, with the lists the flags give replacing the configured ones.</summary>
    public GatewayOptions Read(ParseResult parse, IConfiguration configuration)
    {
        var section = configuration.GetSection(GatewayOptions.SectionName);
        var options = Bind(configuration);
        options.TrustedProxies = Pick(parse.GetValue(TrustedProxies), section, nameof(GatewayOptions.TrustedProxies)) ?? options.TrustedProxies;
        options.AdminClients = Pick(parse.GetValue(AdminClients), section, nameof(GatewayOptions.AdminClients)) ?? options.AdminClients;
        options.HttpsUrl = parse.GetValue(HttpsUrl) ?? options.HttpsUrl;
        return options;
    }

    /// <summary>The settings of the <c>Gateway</c> section alone, before any flag.</summary>
    public static GatewayOptions Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection(GatewayOptions.SectionName);
        var options = HostSetup.Bound(GatewayOptions.SectionName, () => section.Get<GatewayOptions>() ?? new());

        // A configured list replaces the default one (binding an array property appends to what it holds).
        var defaults = new GatewayOptions();
        options.TrustedProxies = Pick(null, section, nameof(GatewayOptions.TrustedProxies)) ?? defaults.TrustedProxies;
        options.AdminClients = Pick(null, section, nameof(GatewayOptions.AdminClients)) ?? defaults.AdminClients;
        return options;
    }

    private static string[]? Pick(string[]? flagged, IConfigurationSection section, string name) =>
        flagged is { Length: > 0 } ? flagged : section.GetSection(name).Get<string[]>();
}

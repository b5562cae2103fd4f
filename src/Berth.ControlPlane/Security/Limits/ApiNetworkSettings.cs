using System.Net;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>
/// The API's trusted proxies and accepted host names, parsed from <see cref="BerthOptions"/> once at start; a list
/// that does not parse stops the start with a sentence naming the setting.
/// </summary>
internal sealed class ApiNetworkSettings
{
    private readonly IPNetwork[] _proxies;
    private readonly HashSet<string>? _hosts;

    private ApiNetworkSettings(IPNetwork[] proxies, HashSet<string>? hosts) => (_proxies, _hosts) = (proxies, hosts);

    /// <summary>The settings of <paramref name="options"/>; throws <see cref="OptionsValidationException"/> saying what is wrong.</summary>
    public static ApiNetworkSettings From(BerthOptions options)
    {
        var failures = new List<string>();
        var proxies = new List<IPNetwork>();
        foreach (var entry in options.TrustedProxies)
        {
            if (TryParseRange(entry, out var network))
            {
                proxies.Add(network);
            }
            else
            {
                failures.Add($"Berth:TrustedProxies must list IP addresses or CIDR ranges such as 10.0.0.0/8, not '{entry}'.");
            }
        }

        HashSet<string>? hosts = null;
        if (!options.AllowedHosts.Contains("*"))
        {
            var names = options.AllowedHosts.Length > 0 ? options.AllowedHosts : DefaultHosts(options.ApiUrl);
            hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                if (Uri.CheckHostName(name.Trim('[', ']')) == UriHostNameType.Unknown)
                {
                    failures.Add($"Berth:AllowedHosts must list host names or addresses such as berth.example.com, not '{name}'.");
                }

                hosts.Add(name.Trim('[', ']'));
            }
        }

        return failures.Count > 0
            ? throw new OptionsValidationException(BerthOptions.Section, typeof(BerthOptions), failures)
            : new ApiNetworkSettings([.. proxies], hosts);
    }

    /// <summary>True when the connection's address is a proxy whose X-Forwarded-For is believed.</summary>
    public bool IsTrustedProxy(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Array.Exists(_proxies, network => network.Contains(normalized));
    }

    /// <summary>True when the API answers to this host name (without port).</summary>
    public bool AllowsHost(string host) => _hosts is null || _hosts.Contains(host.Trim('[', ']'));

    private static string[] DefaultHosts(string apiUrl)
    {
        var own = Uri.TryCreate(apiUrl, UriKind.Absolute, out var uri) ? uri.Host.Trim('[', ']') : null;
        // A wildcard listen address is no name anyone connects to: only the loopback names then.
        return own is null or "0.0.0.0" or "::" or "*" or "+"
            ? ["localhost", "127.0.0.1", "::1"]
            : ["localhost", "127.0.0.1", "::1", own];
    }

    /// <summary>An address (as a one-address range) or a CIDR range.</summary>
    internal static bool TryParseRange(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}

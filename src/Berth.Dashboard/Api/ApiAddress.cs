using Berth.Dashboard.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Berth.Dashboard.Api;

/// <summary>
/// The API's base address: the configured one, or the address the hosting server listens on (known only once it runs,
/// as tests bind port 0). A wildcard listen address is called on loopback.
/// </summary>
public sealed class ApiAddress(IOptions<DashboardOptions> options, IServer server)
{
    /// <summary>The base address every API call is made against.</summary>
    public Uri Get()
    {
        if (options.Value.ApiUrl is { } configured)
        {
            return configured;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the server hosting the dashboard has no addresses");
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        var uri = new UriBuilder(first.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        uri.Host = uri.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            _ => uri.Host,
        };
        return uri.Uri;
    }
}

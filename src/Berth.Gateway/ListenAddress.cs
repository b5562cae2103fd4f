using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Berth.Gateway;

/// <summary>Binds a URL (<c>http://127.0.0.1:7080</c>, <c>https://*:7443</c>, <c>http://localhost:7080</c>) as UseUrls would, with a listener of the gateway's own.</summary>
internal static class ListenAddress
{
    public static void Listen(KestrelServerOptions kestrel, string url, Action<ListenOptions> configure)
    {
        var address = BindingAddress.Parse(url);
        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, configure);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, address.Port, configure);
        }
        else
        {
            // "*", "+" or a name: every interface, as Kestrel does for names it does not resolve.
            kestrel.ListenAnyIP(address.Port, configure);
        }
    }
}

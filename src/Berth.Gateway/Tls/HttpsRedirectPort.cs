using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Gateway.Tls;

/// <summary>
/// The port an app's HTTPS redirect sends clients to: <see cref="GatewayOptions.HttpsRedirectPort"/> when set, else
/// the one the HTTPS listener is bound to (read from the server once it listens, so port 0 in the settings works).
/// </summary>
internal sealed class HttpsRedirectPort(IServiceProvider services, IOptions<GatewayOptions> options)
{
    private int _port;

    /// <summary>The port; null when the gateway has no HTTPS listener, so there is nowhere to redirect to.</summary>
    public int? Port
    {
        get
        {
            var port = Volatile.Read(ref _port);
            if (port == 0)
            {
                port = Find();
                Volatile.Write(ref _port, port);
            }

            return port > 0 ? port : null;
        }
    }

    private int Find()
    {
        if (string.IsNullOrEmpty(options.Value.HttpsUrl))
        {
            return -1;
        }

        if (options.Value.HttpsRedirectPort > 0)
        {
            return options.Value.HttpsRedirectPort;
        }

        // The server is looked up here, not injected: the proxy (and this with it) is built while Kestrel configures its
        // listeners, inside the server's own construction. Before the listener is bound there is no address yet: 0
        // leaves the question open for the next request.
        var bound = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
        return bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out var uri) ? uri.Port : 0;
    }
}

using System.Text;
using Berth.Gateway.Routing;

namespace Berth.Gateway.Proxy;

internal sealed partial class ClientSession
{
    /// <summary>
    /// A 308 to the same URL over HTTPS, for a plain-HTTP request to an app that asked for it. ACME HTTP-01 challenges
    /// are never redirected (the app may run its own ACME client, and validation starts over plain HTTP), nor is
    /// anything when the gateway has no HTTPS listener to send clients to.
    /// </summary>
    private bool TryRedirectToHttps(AppRoute route, out LocalResponse response)
    {
        response = default;
        if (_secure || !route.HttpsRedirect || _services.HttpsRedirect.Port is not { } port)
        {
            return false;
        }

        var head = RequestBytes;
        var target = head[_request.Target];
        if (target.StartsWith(ChallengePath))
        {
            return false;
        }

        var location = new StringBuilder("https://").Append(HostWithoutPort(Encoding.Latin1.GetString(head[_request.Host])));
        if (port != 443)
        {
            location.Append(':').Append(port);
        }

        // An absolute-form target (http://host/path, from a client speaking to a proxy) keeps its path only.
        location.Append(target.Length > 0 && target[0] == (byte)'/' ? Encoding.Latin1.GetString(target) : PathOf(Encoding.Latin1.GetString(target)));
        var url = location.ToString();
        response = LocalResponse.Text(308, $"Moved to {url}") with { Location = url };
        return true;
    }

    private static string HostWithoutPort(string host)
    {
        // An IPv6 literal ([::1]:8080) has colons of its own; its port follows the bracket.
        var colon = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        return colon > 0 ? host[..colon] : host;
    }

    private static string PathOf(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri.PathAndQuery : "/";
}

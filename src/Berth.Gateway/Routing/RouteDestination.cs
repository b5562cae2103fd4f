namespace Berth.Gateway.Routing;

/// <summary>One instance to forward to: its registered <c>ip:port</c> and the URL prefix handed to the forwarder.</summary>
public sealed record RouteDestination(string Address, string Prefix)
{
    /// <summary>Builds a destination from a registered address; false when it does not form a valid HTTP URL.</summary>
    public static bool TryCreate(string address, out RouteDestination destination)
    {
        var prefix = "http://" + address;
        if (address.Length == 0
            || !Uri.TryCreate(prefix, UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/"
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            destination = null!;
            return false;
        }

        destination = new RouteDestination(address, prefix);
        return true;
    }
}

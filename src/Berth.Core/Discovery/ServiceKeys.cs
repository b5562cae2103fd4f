namespace Berth.Core.Discovery;

/// <summary>The layout of service discovery, the same in every backend.</summary>
public static class ServiceKeys
{
    public const string AddressRoot = "/caas/service/address/";

    /// <summary><c>/caas/service/address/{appId}/{version}/{containerId}</c>.</summary>
    public static string Address(string appId, string version, string containerId) =>
        $"{AddressRoot}{appId}/{version}/{containerId}";

    /// <summary>The prefix of every instance of an app, trailing slash included.</summary>
    public static string AppPrefix(string appId) => $"{AddressRoot}{appId}/";

    /// <summary>Splits an address key into its parts; false for keys of another shape.</summary>
    public static bool TryParseAddress(string key, out string appId, out string version, out string containerId)
    {
        appId = version = containerId = "";
        if (!key.StartsWith(AddressRoot, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = key[AddressRoot.Length..].Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }

        (appId, version, containerId) = (parts[0], parts[1], parts[2]);
        return true;
    }
}

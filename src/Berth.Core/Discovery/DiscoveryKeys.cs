namespace Berth.Core.Discovery;

/// <summary>The rest of the discovery layout, beside <see cref="ServiceKeys"/>.</summary>
public static class DiscoveryKeys
{
    public const string Root = "/caas/";

    /// <summary>Liveness records: <c>/caas/members/{component}/{id}</c>, ephemeral.</summary>
    public static string Member(string component, string id) => $"{Root}members/{component}/{id}";

    /// <summary>Elections: <c>/caas/election/{name}</c>.</summary>
    public static string Election(string name) => $"{Root}election/{name}";

    /// <summary>App configuration: <c>/caas/config/{appId}/{key}</c>.</summary>
    public static string Config(string appId, string key) => $"{Root}config/{appId}/{key}";

    public static string ConfigPrefix(string appId) => $"{Root}config/{appId}/";
}

using Berth.Core.Discovery;

namespace Berth.Discovery.Gateway;

/// <summary>
/// The discovery layout of gateway settings. The control plane writes these keys from the state store (their source of
/// truth) and gateways watch them:
/// <list type="bullet">
/// <item><c>/caas/domains/{domain}</c> → the app id a custom domain routes to;</item>
/// <item><c>/caas/traffic/{appId}</c> → the app's <see cref="Core.Gateway.TrafficPolicy"/> as JSON;</item>
/// <item><c>/caas/https/{appId}</c> → the app's <see cref="Core.Gateway.HttpsPolicy"/> as JSON (redirect to HTTPS, HSTS);</item>
/// <item><c>/caas/blacklist/global</c> and <c>/caas/blacklist/app/{appId}</c> → a JSON array of IP addresses and CIDR ranges;</item>
/// <item><c>/caas/active/{appId}</c> → the app's active version, which takes all traffic when no split is set;</item>
/// <item><c>/caas/members/gateway/{id}</c> → a running gateway's admin base URL (statistics are read there);</item>
/// <item><c>/caas/settings/base-domain</c> → the domain apps answer under, as the control plane has it (read at a gateway's start).</item>
/// <item><c>/caas/acme/challenges/{token}</c> → the key authorization every gateway answers at
/// <c>/.well-known/acme-challenge/{token}</c> while an ACME HTTP-01 validation is under way.</item>
/// </list>
/// </summary>
public static class GatewayKeys
{
    /// <summary>The prefix of every custom domain.</summary>
    public const string DomainRoot = DiscoveryKeys.Root + "domains/";

    /// <summary>The prefix of every traffic policy.</summary>
    public const string TrafficRoot = DiscoveryKeys.Root + "traffic/";

    /// <summary>The prefix of every HTTPS policy.</summary>
    public const string HttpsRoot = DiscoveryKeys.Root + "https/";

    /// <summary>The prefix of every blacklist, global and per app.</summary>
    public const string BlacklistRoot = DiscoveryKeys.Root + "blacklist/";

    /// <summary>The global blacklist.</summary>
    public const string GlobalBlacklist = BlacklistRoot + "global";

    /// <summary>The prefix of every per-app blacklist.</summary>
    public const string AppBlacklistRoot = BlacklistRoot + "app/";

    /// <summary>The prefix of every active-version key.</summary>
    public const string ActiveRoot = DiscoveryKeys.Root + "active/";

    /// <summary>The prefix of settings every gateway shares with the control plane.</summary>
    public const string SettingsRoot = DiscoveryKeys.Root + "settings/";

    /// <summary>The base domain: one setting, the control plane's, so a gateway cannot route names the API would let a tenant claim.</summary>
    public const string BaseDomain = SettingsRoot + "base-domain";

    /// <summary>
    /// The prefix of every ACME HTTP-01 answer. Not among <see cref="WatchedRoots"/>: the answers are transient, not
    /// settings republished from the store, and a gateway that may not read them still routes safely.
    /// </summary>
    public const string AcmeChallengeRoot = DiscoveryKeys.Root + "acme/challenges/";

    /// <summary>The component name gateways register under in <see cref="DiscoveryKeys.Member"/>.</summary>
    public const string MemberComponent = "gateway";

    /// <summary>The prefix of every gateway member record.</summary>
    public static string MemberRoot { get; } = DiscoveryKeys.Member(MemberComponent, "");

    /// <summary>Every prefix a gateway watches besides instance addresses and app markers.</summary>
    public static IReadOnlyList<string> WatchedRoots { get; } = [DomainRoot, TrafficRoot, BlacklistRoot, ActiveRoot, HttpsRoot];

    /// <summary><c>/caas/domains/{domain}</c>.</summary>
    public static string Domain(string domain) => DomainRoot + domain;

    /// <summary><c>/caas/traffic/{appId}</c>.</summary>
    public static string Traffic(string appId) => TrafficRoot + appId;

    /// <summary><c>/caas/https/{appId}</c>.</summary>
    public static string Https(string appId) => HttpsRoot + appId;

    /// <summary><c>/caas/blacklist/app/{appId}</c>, or the global list for null.</summary>
    public static string Blacklist(string? appId) => appId is null ? GlobalBlacklist : AppBlacklistRoot + appId;

    /// <summary><c>/caas/active/{appId}</c>.</summary>
    public static string Active(string appId) => ActiveRoot + appId;

    /// <summary><c>/caas/acme/challenges/{token}</c>.</summary>
    public static string AcmeChallenge(string token) => AcmeChallengeRoot + token;

    /// <summary><c>/caas/members/gateway/{id}</c>.</summary>
    public static string Member(string id) => DiscoveryKeys.Member(MemberComponent, id);

    /// <summary>The single path segment after <paramref name="root"/>; false for keys of another shape.</summary>
    public static bool TryParse(string key, string root, out string name)
    {
        name = "";
        if (!key.StartsWith(root, StringComparison.Ordinal) || key.Length == root.Length || key.IndexOf('/', root.Length) >= 0)
        {
            return false;
        }

        name = key[root.Length..];
        return true;
    }
}

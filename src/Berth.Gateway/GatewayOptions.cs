namespace Berth.Gateway;

/// <summary>Gateway settings, bound from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Apps answer at <c>{appId}.{BaseDomain}</c>.</summary>
    public string BaseDomain { get; set; } = "localhost";

    /// <summary>How long the route table updater waits before listing again after a watch failed.</summary>
    public TimeSpan WatchRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>True when <see cref="BaseDomain"/> is a bare domain name (no scheme, port, path or outer dots).</summary>
    public static bool IsValidBaseDomain(string? domain) =>
        !string.IsNullOrEmpty(domain) && !domain.StartsWith('.') && !domain.EndsWith('.') && domain.IndexOfAny([':', '/', ' ']) < 0;
}

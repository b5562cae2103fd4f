namespace Berth.Gateway.Forwarding;

/// <summary>The de facto proxy headers the gateway sets on every forwarded request.</summary>
internal static class ForwardedHeaderNames
{
    public const string For = "X-Forwarded-For";
    public const string Proto = "X-Forwarded-Proto";
    public const string Host = "X-Forwarded-Host";
}

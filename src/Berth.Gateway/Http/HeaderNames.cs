using System.Text;

namespace Berth.Gateway.Http;

/// <summary>Classifies a header name by length first, so most names cost one switch and at most one comparison.</summary>
internal static class HeaderNames
{
    public static HeaderName Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when Ascii.EqualsIgnoreCase(name, "host"u8) => HeaderName.Host,
        6 when Ascii.EqualsIgnoreCase(name, "expect"u8) => HeaderName.Expect,
        7 when Ascii.EqualsIgnoreCase(name, "upgrade"u8) => HeaderName.Upgrade,
        9 when Ascii.EqualsIgnoreCase(name, "forwarded"u8) => HeaderName.Forwarded,
        9 when Ascii.EqualsIgnoreCase(name, "x-real-ip"u8) => HeaderName.XRealIp,
        10 when Ascii.EqualsIgnoreCase(name, "connection"u8) => HeaderName.Connection,
        10 when Ascii.EqualsIgnoreCase(name, "keep-alive"u8) => HeaderName.KeepAlive,
        13 when Ascii.EqualsIgnoreCase(name, "authorization"u8) => HeaderName.Authorization,
        14 when Ascii.EqualsIgnoreCase(name, "content-length"u8) => HeaderName.ContentLength,
        15 when Ascii.EqualsIgnoreCase(name, "x-forwarded-for"u8) => HeaderName.XForwardedFor,
        16 when Ascii.EqualsIgnoreCase(name, "x-forwarded-host"u8) => HeaderName.XForwardedHost,
        16 when Ascii.EqualsIgnoreCase(name, "proxy-connection"u8) => HeaderName.ProxyConnection,
        17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8) => HeaderName.TransferEncoding,
        17 when Ascii.EqualsIgnoreCase(name, "x-forwarded-proto"u8) => HeaderName.XForwardedProto,
        25 when Ascii.EqualsIgnoreCase(name, "strict-transport-security"u8) => HeaderName.StrictTransportSecurity,
        _ => HeaderName.Other,
    };
}

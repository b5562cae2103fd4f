namespace Berth.Gateway.Http;

/// <summary>The headers the gateway reads or rewrites; everything else passes through untouched.</summary>
internal enum HeaderName
{
    Other,
    Host,
    ContentLength,
    TransferEncoding,
    Connection,
    KeepAlive,
    ProxyConnection,
    Upgrade,
    Expect,
    XForwardedFor,
    XForwardedProto,
    XForwardedHost,
    Forwarded,
    XRealIp,
    Authorization,
    StrictTransportSecurity,
}

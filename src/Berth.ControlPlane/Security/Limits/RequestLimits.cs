using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Berth.ControlPlane.Security.Limits;

/// <summary>How big a request to the API may be. Nothing Berth accepts comes near these; they bound what a client can make it read.</summary>
internal static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 64;
    public const int MaxRequestLineBytes = 8 * 1024;
    public const int MaxJsonDepth = 32;

    /// <summary>Kestrel answers 413, 431 or 414 by itself once a request goes past these.</summary>
    public static void Apply(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxHeaderBytes;
        kestrel.Limits.MaxRequestHeaderCount = MaxHeaderCount;
        kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
    }
}

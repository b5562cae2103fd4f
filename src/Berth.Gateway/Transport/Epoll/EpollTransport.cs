using System.Runtime.InteropServices;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>Where the epoll transport can run.</summary>
internal static class EpollTransport
{
    /// <summary>Linux on x64, where <see cref="EpollEvent"/>'s packed layout is the kernel's.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;
}

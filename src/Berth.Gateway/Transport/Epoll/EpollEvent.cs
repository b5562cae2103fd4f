using System.Runtime.InteropServices;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>
/// <c>struct epoll_event</c> as x86-64 lays it out: packed, 12 bytes (other architectures pad it to 16, which is why
/// the transport only runs on Linux x64; see <see cref="EpollTransport.IsSupported"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct EpollEvent
{
    public uint Events;
    public ulong Data;
}

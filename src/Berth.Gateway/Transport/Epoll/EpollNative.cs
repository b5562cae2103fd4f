using System.Runtime.InteropServices;

namespace Berth.Gateway.Transport.Epoll;

/// <summary>The few libc calls the epoll transport makes (source-generated marshalling: NativeAOT needs no reflection).</summary>
internal static unsafe partial class EpollNative
{
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEt = 1u << 31;
    public const int EpollCloexec = 0x80000;
    public const int MsgNoSignal = 0x4000;
    public const int ShutRdWr = 2;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int EBadF = 9;

    [LibraryImport("libc", SetLastError = true, EntryPoint = "epoll_create1")]
    public static partial int EpollCreate1(int flags);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "epoll_ctl")]
    public static partial int EpollCtl(int epfd, int op, int fd, EpollEvent* ev);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "epoll_wait")]
    public static partial int EpollWait(int epfd, EpollEvent* events, int maxEvents, int timeout);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "recv")]
    public static partial nint Recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "send")]
    public static partial nint Send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "shutdown")]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "close")]
    public static partial int Close(int fd);
}

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

    // recv and send as the raw system calls (recvfrom and sendto without an address, which is what libc's recv and
    // send make): libc's wrappers are thread-cancellation points and switch cancellation on and off around every call,
    // which measured as a few tenths of a percent of the gateway's CPU. syscall(2) takes its arguments in the usual
    // registers and reads nothing else, so it is called like any other function.
    private const nint SysRecvFrom = 45;
    private const nint SysSendTo = 44;

    public static nint Recv(int fd, byte* buffer, nuint length, int flags) => Syscall(SysRecvFrom, fd, (nint)buffer, (nint)length, flags, 0, 0);

    public static nint Send(int fd, byte* buffer, nuint length, int flags) => Syscall(SysSendTo, fd, (nint)buffer, (nint)length, flags, 0, 0);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "syscall")]
    private static partial nint Syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "shutdown")]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "close")]
    public static partial int Close(int fd);
}

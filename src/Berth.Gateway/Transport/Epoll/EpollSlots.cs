namespace Berth.Gateway.Transport.Epoll;

/// <summary>An <see cref="EpollLoop"/>'s registered connections by slot, with the id each slot is registered under (0 when free).</summary>
internal sealed class EpollSlots(int size)
{
    public EpollConnection?[] Connections { get; } = new EpollConnection?[size];

    public ulong[] Ids { get; } = new ulong[size];

    /// <summary>A copy twice the size.</summary>
    public EpollSlots Grown()
    {
        var grown = new EpollSlots(Ids.Length * 2);
        Connections.CopyTo(grown.Connections, 0);
        Ids.CopyTo(grown.Ids, 0);
        return grown;
    }
}

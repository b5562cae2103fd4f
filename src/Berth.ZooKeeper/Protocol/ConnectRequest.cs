namespace Berth.ZooKeeper.Protocol;

/// <summary>
/// The first frame on a connection: asks for a new session (id 0) or to resume one (id and password), with the timeout
/// wanted and the last zxid seen (a server behind that refuses, so the client never goes back in time).
/// </summary>
internal sealed record ConnectRequest(long LastZxidSeen, int TimeoutMs, long SessionId, byte[] Password, bool CanBeReadOnly)
{
    /// <summary>Protocol version 0, the only one there is.</summary>
    private const int ProtocolVersion = 0;

    public byte[] ToFrame()
    {
        var writer = new JuteWriter();
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeoutMs);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Password);
        // Not in the jute record but read by every server since 3.4: may the session live on a read-only server.
        writer.WriteBool(CanBeReadOnly);
        return writer.ToFrame();
    }
}

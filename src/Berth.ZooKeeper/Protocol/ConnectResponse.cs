namespace Berth.ZooKeeper.Protocol;

/// <summary>The server's answer to <see cref="ConnectRequest"/>. A timeout of 0 or less means the session asked for has expired.</summary>
internal sealed record ConnectResponse(int TimeoutMs, long SessionId, byte[] Password, bool ReadOnly)
{
    /// <summary>True when the server refused to resume the session because it has expired.</summary>
    public bool Expired => TimeoutMs <= 0;

    public static ConnectResponse Read(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        reader.ReadInt(); // protocol version
        var timeout = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var password = reader.ReadBuffer() ?? [];
        // Older servers end the record here.
        var readOnly = !reader.AtEnd && reader.ReadBool();
        return new ConnectResponse(timeout, sessionId, password, readOnly);
    }
}

using System.Buffers.Binary;
using Berth.ZooKeeper.Protocol;
using Berth.ZooKeeper.Watches;

namespace Berth.ZooKeeper.Connection;

/// <summary>One request: its serialized frame, the watch it sets when it succeeds, and the task its reply completes.</summary>
internal sealed class Packet
{
    private Packet(OpCode op, byte[] frame, WatchRegistration? watch)
    {
        Op = op;
        Frame = frame;
        Watch = watch;
    }

    public OpCode Op { get; }

    /// <summary>Length prefix, request header (xid, type), request record.</summary>
    public byte[] Frame { get; }

    /// <summary>Applied in the receive loop before the reply is handed out, so no notification can slip past it.</summary>
    public WatchRegistration? Watch { get; }

    public int Xid { get; private set; }

    /// <summary>When the packet was handed to a connection (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long SentAt { get; set; }

    public TaskCompletionSource<Reply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A request of type <paramref name="op"/> whose record <paramref name="writeRecord"/> writes.</summary>
    public static Packet Create(OpCode op, Action<JuteWriter>? writeRecord = null, WatchRegistration? watch = null)
    {
        var writer = new JuteWriter();
        writer.WriteInt(0); // xid, set when sent
        writer.WriteInt((int)op);
        writeRecord?.Invoke(writer);
        return new Packet(op, writer.ToFrame(), watch);
    }

    /// <summary>Stamps the request id into the frame; a packet resent after a reconnect gets a new one.</summary>
    public void SetXid(int xid)
    {
        Xid = xid;
        BinaryPrimitives.WriteInt32BigEndian(Frame.AsSpan(4), xid);
    }
}

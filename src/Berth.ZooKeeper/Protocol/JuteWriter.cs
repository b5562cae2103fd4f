using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Berth.ZooKeeper.Protocol;

/// <summary>
/// Builds one frame in jute's binary encoding: big-endian ints and longs, one byte per boolean, and buffers,
/// strings and vectors prefixed with their length (-1 for null). The frame starts with its own 4-byte length.
/// </summary>
internal sealed class JuteWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    /// <summary>Starts a frame: reserves its length prefix.</summary>
    public JuteWriter() => WriteInt(0);

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteBool(bool value)
    {
        _buffer.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _buffer.Advance(1);
    }

    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(value.Length);
        _buffer.Write(value);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void WriteStrings(IReadOnlyCollection<string> values)
    {
        WriteInt(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }
    }

    public void WriteAcl(IReadOnlyCollection<ZooKeeperAcl> acl)
    {
        WriteInt(acl.Count);
        foreach (var entry in acl)
        {
            WriteInt((int)entry.Permissions);
            WriteString(entry.Scheme);
            WriteString(entry.Id);
        }
    }

    /// <summary>The finished frame, its length prefix filled in.</summary>
    public byte[] ToFrame()
    {
        var frame = _buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        return frame;
    }
}

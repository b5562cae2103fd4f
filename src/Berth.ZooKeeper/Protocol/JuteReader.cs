using System.Buffers.Binary;
using System.Text;

namespace Berth.ZooKeeper.Protocol;

/// <summary>Reads jute's binary encoding (see <see cref="JuteWriter"/>); a short or garbled record is an <see cref="InvalidDataException"/>.</summary>
internal ref struct JuteReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => _rest.IsEmpty;

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public bool ReadBool() => Take(1)[0] != 0;

    public byte[]? ReadBuffer()
    {
        var length = ReadLength();
        return length < 0 ? null : Take(length).ToArray();
    }

    public string ReadString()
    {
        var length = ReadLength();
        return length < 0 ? throw new InvalidDataException("A ZooKeeper reply held a null string where a value was expected.")
            : Encoding.UTF8.GetString(Take(length));
    }

    public List<string> ReadStrings()
    {
        var count = ReadLength();
        var values = new List<string>(Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            values.Add(ReadString());
        }

        return values;
    }

    public ZooKeeperStat ReadStat() => new(
        Czxid: ReadLong(),
        Mzxid: ReadLong(),
        Ctime: ReadLong(),
        Mtime: ReadLong(),
        Version: ReadInt(),
        Cversion: ReadInt(),
        Aversion: ReadInt(),
        EphemeralOwner: ReadLong(),
        DataLength: ReadInt(),
        NumChildren: ReadInt(),
        Pzxid: ReadLong());

    private int ReadLength()
    {
        var length = ReadInt();
        return length > _rest.Length ? throw new InvalidDataException($"A ZooKeeper reply announced {length} bytes but holds {_rest.Length}.") : length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (_rest.Length < count)
        {
            throw new InvalidDataException("A ZooKeeper reply ended in the middle of a record.");
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}

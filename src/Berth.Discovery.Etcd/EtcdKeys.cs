using Google.Protobuf;

namespace Berth.Discovery.Etcd;

/// <summary>Keys as etcd sees them: UTF-8 bytes, and a prefix as the range [prefix, prefix with its last byte + 1).</summary>
internal static class EtcdKeys
{
    private static readonly ByteString Zero = ByteString.CopyFrom(0);

    public static ByteString Bytes(string text) => ByteString.CopyFromUtf8(text);

    /// <summary>The start of the range of <paramref name="prefix"/>; "\0" for the empty prefix (every key).</summary>
    public static ByteString RangeStart(string prefix) => prefix.Length == 0 ? Zero : Bytes(prefix);

    /// <summary>The (exclusive) end of the range of <paramref name="prefix"/>.</summary>
    public static ByteString RangeEnd(string prefix)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(prefix);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] < 0xff)
            {
                bytes[i]++;
                return ByteString.CopyFrom(bytes, 0, i + 1);
            }
        }

        // Empty, or all 0xff: etcd reads "\0" as "to the end of the keyspace".
        return Zero;
    }
}

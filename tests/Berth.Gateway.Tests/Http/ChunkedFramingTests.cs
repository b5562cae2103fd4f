using System.Text;
using Berth.Gateway.Http;

namespace Berth.Gateway.Tests.Http;

public sealed class ChunkedFramingTests
{
    [Theory]
    [InlineData("5\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5;name=value\r\nhello\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n")]
    [InlineData("0\r\n\r\n")]
    public void Advance_WholeBodyThenMore_StopsAtItsEnd(string body)
    {
        var framing = default(ChunkedFraming);
        var bytes = Encoding.ASCII.GetBytes(body + "GET / HTTP/1.1\r\n");

        Assert.Equal(body.Length, framing.Advance(bytes));
        Assert.True(framing.IsDone);
    }

    [Theory]
    [InlineData("5\r\nhello\r\n0\r\n\r\n", false)]
    [InlineData("5;a=b\r\nhello\r\n0\r\n\r\n", true)]
    [InlineData("0\r\nX-Checksum: 1\r\n\r\n", true)]
    public void Advance_ExtensionsOrTrailers_SawExtras(string body, bool extras)
    {
        var framing = default(ChunkedFraming);

        framing.Advance(Encoding.ASCII.GetBytes(body));

        Assert.True(framing.IsDone);
        Assert.Equal(extras, framing.SawExtras);
    }

    [Fact]
    public void Advance_ByteByByte_SameEnd()
    {
        var body = Encoding.ASCII.GetBytes("3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
        var framing = default(ChunkedFraming);

        for (var i = 0; i < body.Length; i++)
        {
            Assert.False(framing.IsDone);
            Assert.Equal(1, framing.Advance(body.AsSpan(i, 1)));
        }

        Assert.True(framing.IsDone);
    }

    [Theory]
    [InlineData("x\r\n")]
    [InlineData("\r\n")]
    [InlineData("5\r\nhelloXX")]
    [InlineData("5\n")]
    [InlineData("fffffffffffffffff\r\n")]
    [InlineData("0\r\nX: a\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("0\r\nX: a\u0001\r\n\r\n")]
    [InlineData("0\r\n X: a\r\n\r\n")]
    [InlineData("0\r\n\n")]
    [InlineData("5 junk\r\n")]
    [InlineData("5;a=\r\n")]
    public void Advance_Malformed_MinusOne(string body)
    {
        var framing = default(ChunkedFraming);

        Assert.Equal(-1, framing.Advance(Encoding.ASCII.GetBytes(body)));
    }
}

using System.Text;
using Berth.Gateway.Http;

namespace Berth.Gateway.Tests.Http;

public sealed class ResponseHeadParserTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", false, "Fixed", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, "None", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", false, "Chunked", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", false, "Chunked", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false, "UntilClose", false)]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", false, "UntilClose", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n", false, "Fixed", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n", false, "Fixed", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n", false, "Fixed", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true, "None", true)]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n", false, "None", true)]
    [InlineData("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", false, "None", true)]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", false, "None", true)]
    [InlineData("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\n", false, "Fixed", true)]
    public void TryParse_Response_FramingAndReuse(string text, bool headRequest, string framing, bool reusable)
    {
        var head = new ResponseHead();

        Assert.True(ResponseHeadParser.TryParse(Encoding.Latin1.GetBytes(text), head));
        Assert.Equal(framing, head.Framing(headRequest).ToString());
        Assert.Equal(reusable, head.Reusable);
    }

    [Fact]
    public void TryParse_Continue_Interim()
    {
        var head = new ResponseHead();

        Assert.True(ResponseHeadParser.TryParse("HTTP/1.1 100 Continue\r\n\r\n"u8, head));

        Assert.True(head.IsInterim);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n")]
    [InlineData("ICY 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public void TryParse_Malformed_False(string text) => Assert.False(ResponseHeadParser.TryParse(Encoding.Latin1.GetBytes(text), new ResponseHead()));
}

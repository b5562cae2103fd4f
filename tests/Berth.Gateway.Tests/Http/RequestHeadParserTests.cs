using System.Text;
using Berth.Gateway.Http;

namespace Berth.Gateway.Tests.Http;

public sealed class RequestHeadParserTests
{
    [Fact]
    public void Parse_GetWithHost_ReadsLineAndHost()
    {
        var (error, head, bytes) = Parse("GET /a?b=1 HTTP/1.1\r\nHost: demo.localhost:7080\r\nAccept: */*\r\n\r\n");

        Assert.Equal(HeadError.None, error);
        Assert.Equal("GET", Text(bytes, head.Method));
        Assert.Equal("/a?b=1", Text(bytes, head.Target));
        Assert.Equal("demo.localhost:7080", Text(bytes, head.Host));
        Assert.True(head.IsHttp11 && head.IsIdempotent && head.KeepAlive);
        Assert.False(head.HasBody || head.IsHead || head.IsUpgrade);
    }

    [Fact]
    public void Parse_PostWithLengthAndClose_FramingAndConnection()
    {
        var (error, head, _) = Parse("POST /x HTTP/1.1\r\nhost: a\r\ncontent-length: 12\r\nConnection: Close\r\nExpect: 100-continue\r\n\r\n");

        Assert.Equal(HeadError.None, error);
        Assert.Equal(12, head.ContentLength);
        Assert.True(head.HasBody && head.ConnectionClose && head.ExpectContinue);
        Assert.False(head.IsIdempotent || head.KeepAlive);
    }

    [Fact]
    public void Parse_WebSocketUpgrade_IsUpgrade()
    {
        var (_, head, _) = Parse("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n");

        Assert.True(head.IsUpgrade);
    }

    [Fact]
    public void Parse_UpgradeInHttp10_NotAnUpgrade()
    {
        var (error, head, _) = Parse("GET /ws HTTP/1.0\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");

        Assert.Equal(HeadError.None, error);
        Assert.False(head.IsUpgrade);
    }

    [Theory]
    [InlineData("X-Forwarded-For: 1.2.3.4\r\n", true, false)]
    [InlineData("X-Forwarded-For: 1.2.3.4\r\nX-Forwarded-For: 5.6.7.8\r\n", true, true)]
    [InlineData("Forwarded: for=1.2.3.4\r\n", true, false)]
    [InlineData("X-Real-IP: 1.2.3.4\r\n", true, false)]
    [InlineData("Accept: */*\r\n", false, false)]
    public void Parse_OriginHeaders_Noted(string headers, bool namesOrigin, bool repeated)
    {
        var (_, head, _) = Parse($"GET / HTTP/1.1\r\nHost: a\r\n{headers}\r\n");

        Assert.Equal(namesOrigin, head.NamesOrigin);
        Assert.Equal(repeated, head.ForwardedForRepeated);
    }

    [Fact]
    public void Parse_ForwardedFor_RangeOfLastValue()
    {
        var (_, head, bytes) = Parse("GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For:  1.2.3.4, 5.6.7.8 \r\n\r\n");

        Assert.Equal("1.2.3.4, 5.6.7.8", Text(bytes, head.ForwardedFor));
    }

    [Fact]
    public void Parse_Http10WithoutHost_Accepted()
    {
        var (error, head, _) = Parse("HEAD / HTTP/1.0\r\n\r\n");

        Assert.Equal(HeadError.None, error);
        Assert.True(head.IsHead);
        Assert.False(head.KeepAlive);
    }

    [Theory]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501)]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\u0001b\r\n\r\n", 400)]
    [InlineData("GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    [InlineData("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505)]
    [InlineData("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400)]
    [InlineData("GET /\t HTTP/1.1\r\nHost: a\r\n\r\n", 400)]
    public void Parse_Unsafe_Refused(string head, int status) => Assert.Equal((HeadError)status, Parse(head).Error);

    private static (HeadError Error, RequestHead Head, byte[] Bytes) Parse(string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var head = new RequestHead();
        return (RequestHeadParser.Parse(bytes, head), head, bytes);
    }

    private static string Text(byte[] bytes, Range range) => Encoding.Latin1.GetString(bytes.AsSpan()[range]);
}

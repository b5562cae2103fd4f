using System.Text;
using Berth.Core.Runtime;

namespace Berth.Runtime.Docker.Tests;

public sealed class LogLineSplitterTests
{
    [Fact]
    public void Add_LinesSplitAcrossChunksAndCharacters_ReassemblesThem()
    {
        var splitter = new LogLineSplitter();
        var bytes = Encoding.UTF8.GetBytes("2026-11-25T12:39:18.783148955Z héllo\n2026-11-25T12:39:19.000000000Z wor");

        var first = splitter.Add(LogStream.Stdout, bytes.AsSpan(0, 33));
        var second = splitter.Add(LogStream.Stdout, bytes.AsSpan(33));
        var third = splitter.Add(LogStream.Stdout, "ld\n"u8);

        Assert.Empty(first);
        var hello = Assert.Single(second);
        Assert.Equal("héllo", hello.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 39, 18, TimeSpan.Zero).AddTicks(7831490), hello.Time);
        Assert.Equal("world", Assert.Single(third).Text);
    }

    [Fact]
    public void Add_TwoStreams_KeepsTheirUnfinishedLinesApart()
    {
        var splitter = new LogLineSplitter();

        Assert.Empty(splitter.Add(LogStream.Stdout, "2026-11-25T12:00:00Z out-"u8));
        Assert.Equal("err", Assert.Single(splitter.Add(LogStream.Stderr, "2026-11-25T12:00:00Z err\n"u8)).Text);
        var flushed = splitter.Add(LogStream.Stdout, "part"u8).Concat(splitter.Flush()).ToList();

        var line = Assert.Single(flushed);
        Assert.Equal((LogStream.Stdout, "out-part"), (line.Stream, line.Text));
    }

    [Fact]
    public void Add_NoTimestampAndCarriageReturn_KeepsTheWholeLineWithoutIt()
    {
        var line = Assert.Single(new LogLineSplitter().Add(LogStream.Stdout, "plain text\r\n"u8));

        Assert.Equal(("plain text", default(DateTimeOffset)), (line.Text, line.Time));
    }
}

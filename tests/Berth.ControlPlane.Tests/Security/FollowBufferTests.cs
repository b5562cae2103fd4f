using Berth.ControlPlane.Logs;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>A log follower that reads slower than its app writes is dropped with the lines held for it, not buffered without end.</summary>
public sealed class FollowBufferTests
{
    [Fact]
    public async Task Offer_ReaderFallsBehindTheCapacity_DroppedAfterTheHeldLines()
    {
        var buffer = new FollowBuffer(2);

        var offered = Enumerable.Range(1, 4).Select(i => buffer.Offer(new AppLogLine("i-1", DateTimeOffset.UnixEpoch, $"line {i}"))).ToArray();
        var read = new List<string>();
        await foreach (var line in buffer.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            read.Add(line.Text);
        }

        Assert.Equal([true, true, false, false], offered);
        Assert.True(buffer.Dropped);
        Assert.Equal(["line 1", "line 2"], read);
    }

    [Fact]
    public async Task Offer_ReaderKeepsUp_NeverDropped()
    {
        var buffer = new FollowBuffer(1);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(buffer.Offer(new AppLogLine("i-1", DateTimeOffset.UnixEpoch, $"line {i}")));
            await using var lines = buffer.ReadAllAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
            Assert.True(await lines.MoveNextAsync());
        }

        buffer.Complete();
        Assert.False(buffer.Dropped);
    }
}

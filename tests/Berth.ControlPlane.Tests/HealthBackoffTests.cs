using Berth.ControlPlane.Health;

namespace Berth.ControlPlane.Tests;

public sealed class HealthBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(500, 10)]
    public void Delay_PreviousRestarts_DoublesFromTheSecondUpToTheCap(int previous, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RestartBackoff.Delay(previous, Initial, Max));

    [Fact]
    public void CountSince_LastRestartWithinTheWindow_CarriesOn()
    {
        var now = DateTimeOffset.UnixEpoch.AddHours(1);

        Assert.Equal(3, RestartBackoff.CountSince(3, now.AddSeconds(-30), now, TimeSpan.FromMinutes(2)));
        Assert.Equal(0, RestartBackoff.CountSince(3, now.AddMinutes(-3), now, TimeSpan.FromMinutes(2)));
        Assert.Equal(0, RestartBackoff.CountSince(3, null, now, TimeSpan.FromMinutes(2)));
    }
}

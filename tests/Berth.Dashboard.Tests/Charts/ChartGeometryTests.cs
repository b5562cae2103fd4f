using Berth.Dashboard.Charts;

namespace Berth.Dashboard.Tests.Charts;

public sealed class ChartGeometryTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.7, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(2.1, 2.5)]
    [InlineData(4.56, 5)]
    [InlineData(7, 10)]
    [InlineData(1234, 2000)]
    public void NiceCeiling_Values_SmallestRoundNumberAbove(double max, double expected)
    {
        Assert.Equal(expected, ChartGeometry.NiceCeiling(max), 9);
    }

    [Fact]
    public void Line_ThreeValues_SpreadAcrossTheWidthFromTheBottom()
    {
        Assert.Equal("0,100 300,50 600,0", ChartGeometry.Line([0, 5, 10], 10));
    }

    [Fact]
    public void Stack_TwoSeries_RunningTotalsBottomFirst()
    {
        var levels = ChartGeometry.Stack([[1, 2], [3, 4]], 2);

        Assert.Equal([[0, 0], [1, 2], [4, 6]], levels);
        Assert.Equal("0,90 600,80 600,100 0,100", ChartGeometry.Band(levels[0], levels[1], 10));
    }
}

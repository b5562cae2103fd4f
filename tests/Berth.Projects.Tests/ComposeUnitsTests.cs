using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

public sealed class ComposeUnitsTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250ms", 250)]
    public void ParseDuration_ComposeFormat_Milliseconds(string text, double milliseconds)
    {
        Assert.Equal(milliseconds, ComposeUnits.ParseDuration(text)!.Value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10s junk")]
    [InlineData("")]
    public void ParseDuration_NotADuration_Null(string text)
    {
        Assert.Null(ComposeUnits.ParseDuration(text));
    }

    [Theory]
    [InlineData("256m", 256)]
    [InlineData("256MB", 256)]
    [InlineData("1g", 1024)]
    [InlineData("1.5G", 1536)]
    [InlineData("1048576", 1)]
    [InlineData("1500k", 2)]
    public void ParseMegabytes_ByteFormat_RoundedUp(string text, long megabytes)
    {
        Assert.Equal(megabytes, ComposeUnits.ParseMegabytes(text));
    }

    [Theory]
    [InlineData("0.5", 512)]
    [InlineData("2", 2048)]
    [InlineData("0", null)]
    [InlineData("many", null)]
    public void ParseCpuShares_CpuCount_Shares(string text, int? shares)
    {
        Assert.Equal(shares, ComposeUnits.ParseCpuShares(text));
    }
}

using Berth.Client;

namespace Berth.Cli.Tests.Client;

public sealed class EnvVarParserTests
{
    [Fact]
    public void TryParse_KeyValuePairs_SplitsAtFirstEquals()
    {
        Assert.True(EnvVarParser.TryParse(["A=1", "B=x=y", "C="], out IReadOnlyDictionary<string, string> variables, out string? error));

        Assert.Null(error);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y", ["C"] = "" }, variables);
    }

    [Theory]
    [InlineData("NOVALUE", "--env expects KEY=VALUE, got 'NOVALUE'")]
    [InlineData("=value", "--env expects KEY=VALUE, got '=value'")]
    [InlineData("MY KEY=1", "--env key 'MY KEY' contains whitespace")]
    public void TryParse_Malformed_FailsNamingTheArgument(string argument, string expected)
    {
        Assert.False(EnvVarParser.TryParse([argument], out _, out string? error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_SameKeyTwice_Fails()
    {
        Assert.False(EnvVarParser.TryParse(["A=1", "A=2"], out _, out string? error));

        Assert.Equal("--env A is given more than once", error);
    }
}

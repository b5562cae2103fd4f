using Berth.Projects.Compose;

namespace Berth.Projects.Tests;

public sealed class EnvFileTests
{
    [Fact]
    public void Parse_CommentsExportAndQuotes_AreHandled()
    {
        var variables = EnvFile.Parse("# settings\n\nA=1\nexport B = two \nC='lit $x \\n'\nD=\"line\\nnext \\\"q\\\"\"\nE=plain # note\nA=again\r\n");

        Assert.Equal(new Dictionary<string, string>
        {
            ["A"] = "again",
            ["B"] = "two",
            ["C"] = "lit $x \\n",
            ["D"] = "line\nnext \"q\"",
            ["E"] = "plain",
        }, variables);
    }

    [Theory]
    [InlineData("A=1\nnot a pair\n", "line 2: expected NAME=VALUE")]
    [InlineData("=1\n", "line 1: expected NAME=VALUE")]
    [InlineData("A=\"open\n", "line 1: the quote is not closed")]
    public void Parse_BadLine_NamesTheLine(string content, string expected)
    {
        Assert.Equal(expected, Assert.Throws<FormatException>(() => EnvFile.Parse(content)).Message);
    }
}

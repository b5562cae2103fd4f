using Berth.Client;

namespace Berth.Cli.Tests.Client;

public sealed class TablePrinterTests
{
    [Fact]
    public void Write_Rows_AlignsColumnsWithoutTrailingSpaces()
    {
        var writer = new StringWriter { NewLine = "\n" };

        TablePrinter.Write(writer, ["ID", "STATE"], [["a-long-id", "running"], ["b", "x"]]);

        Assert.Equal("ID          STATE\na-long-id   running\nb           x\n", writer.ToString());
    }
}

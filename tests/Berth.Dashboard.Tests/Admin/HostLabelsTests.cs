using Berth.Dashboard.Pages.Admin;

namespace Berth.Dashboard.Tests.Admin;

public sealed class HostLabelsTests
{
    [Fact]
    public void Parse_KeyValuePairs_LabelsAndBackToTheSameText()
    {
        var (labels, error) = HostLabels.Parse(" zone = a, disk=ssd ,");

        Assert.Null(error);
        Assert.Equal("disk=ssd, zone=a", HostLabels.Format(labels!));
    }

    [Theory]
    [InlineData("disk", "'disk' is not key=value")]
    [InlineData("=ssd", "'=ssd' is not key=value")]
    [InlineData("disk=ssd, disk=hdd", "label 'disk' is given twice")]
    public void Parse_NotLabels_SaysWhichItem(string text, string expected)
    {
        var (labels, error) = HostLabels.Parse(text);

        Assert.Null(labels);
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void Parse_Empty_NoLabels()
    {
        Assert.Empty(HostLabels.Parse("").Labels!);
    }
}

using Berth.ControlPlane.Apis;

namespace Berth.ControlPlane.Tests;

public sealed class VersionOrderTests
{
    [Theory]
    [InlineData("v10,v9,v2,v1", "v1,v2,v10,v9")]
    [InlineData("1.10.0,1.9.3,1.9", "1.9,1.9.3,1.10.0")]
    [InlineData("2.0.0,2.0.0-rc2,2.0.0-rc1,1.0", "2.0.0-rc1,1.0,2.0.0,2.0.0-rc2")]
    [InlineData("v3,2,latest,main", "main,2,latest,v3")]
    [InlineData("v007,v6", "v6,v007")]
    public void Order_Tags_NewestNumberedFirstThenNamesAlphabetically(string expected, string tags)
    {
        Assert.Equal(expected.Split(','), tags.Split(',').Order(VersionOrder.NewestFirst));
    }
}

using Berth.Core.Apps;

namespace Berth.Core.Tests.Apps;

public sealed class AppIdTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("a")]
    [InlineData("my-app-2")]
    [InlineData("0123456789012345678901234567890123456789")]
    public void IsValid_DnsLabel_True(string id) => Assert.True(AppId.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("-app")]
    [InlineData("app-")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("01234567890123456789012345678901234567890")]
    [InlineData("héllo")]
    public void IsValid_NotDnsLabel_False(string id) => Assert.False(AppId.IsValid(id));
}

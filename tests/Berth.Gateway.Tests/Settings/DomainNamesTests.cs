using Berth.Discovery.Gateway;

namespace Berth.Gateway.Tests.Settings;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("www.example.com", "www.example.com")]
    [InlineData(" Shop.Example.COM. ", "shop.example.com")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void TryNormalize_Valid_Lowercase(string input, string expected)
    {
        Assert.True(DomainNames.TryNormalize(input, out var domain, out _));
        Assert.Equal(expected, domain);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("*.example.com")]
    [InlineData("-bad.example.com")]
    [InlineData("a..example.com")]
    [InlineData("under_score.example.com")]
    [InlineData("10.0.0.1")]
    [InlineData("example.com:8080")]
    public void TryNormalize_Invalid_False(string? input) => Assert.False(DomainNames.TryNormalize(input, out _, out _));

    [Theory]
    [InlineData("shop.localhost", "localhost", true)]
    [InlineData("localhost", "localhost", true)]
    [InlineData("mylocalhost.com", "localhost", false)]
    public void IsWithin_BaseDomain(string domain, string parent, bool within) => Assert.Equal(within, DomainNames.IsWithin(domain, parent));
}

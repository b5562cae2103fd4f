using System.Net;
using System.Text;
using Berth.Gateway.Access;

namespace Berth.Gateway.Tests.Access;

public sealed class ForwardedAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("[2001:db8::7]", "2001:db8::7")]
    [InlineData("[2001:db8::7]:443", "2001:db8::7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    public void TryParse_ProxyForms_Address(string entry, string expected)
    {
        Assert.True(ForwardedAddress.TryParse(Encoding.ASCII.GetBytes(entry), out var address));

        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("_hidden")]
    [InlineData("127.1")]
    [InlineData("010.0.0.1")]
    [InlineData("1.2.3.256")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.4:")]
    [InlineData("1.2.3.4:123456")]
    [InlineData("1.2.3.4:x")]
    [InlineData("[1.2.3.4]")]
    [InlineData("[2001:db8::7")]
    [InlineData("[2001:db8::7]x")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::7 ")]
    public void TryParse_NotAnAddress_False(string entry) => Assert.False(ForwardedAddress.TryParse(Encoding.ASCII.GetBytes(entry), out _));
}

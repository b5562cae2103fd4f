using System.Security.Cryptography;
using Berth.Discovery.Config;

namespace Berth.Discovery.Tests.Config;

public sealed class SecretProtectorTests
{
    private static readonly SecretProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Protect_ThenUnprotect_GivesThePlaintextBack()
    {
        var sealedValue = Protector.Protect("hunter2", "/caas/config/a/PASSWORD");

        Assert.True(SecretProtector.IsProtected(sealedValue));
        Assert.DoesNotContain("hunter2", sealedValue);
        Assert.Equal("hunter2", Protector.Unprotect(sealedValue, "/caas/config/a/PASSWORD"));
    }

    [Fact]
    public void Protect_SameValueTwice_GivesDifferentCiphertexts() =>
        Assert.NotEqual(Protector.Protect("x", "/k"), Protector.Protect("x", "/k"));

    [Fact]
    public void Unprotect_ValueMovedToAnotherKey_Throws()
    {
        var sealedValue = Protector.Protect("hunter2", "/caas/config/a/PASSWORD");

        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect(sealedValue, "/caas/config/b/PASSWORD"));
    }

    [Fact]
    public void Unprotect_TamperedValue_Throws()
    {
        var sealedValue = Protector.Protect("hunter2", "/k");
        var bytes = Convert.FromBase64String(sealedValue[SecretProtector.Prefix.Length..]);
        bytes[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect(SecretProtector.Prefix + Convert.ToBase64String(bytes), "/k"));
    }

    [Fact]
    public void Unprotect_WithAnotherKey_Throws() =>
        Assert.ThrowsAny<CryptographicException>(() =>
            new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(Protector.Protect("x", "/k"), "/k"));

    [Fact]
    public void Constructor_KeyOfWrongSize_Throws() => Assert.Throws<ArgumentException>(() => new SecretProtector(new byte[16]));
}

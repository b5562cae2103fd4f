using System.Security.Cryptography.X509Certificates;
using Berth.Gateway.Tls;

namespace Berth.Gateway.Tests.Tls;

/// <summary>Berth's local certificate authority: a root kept across starts, leaves that chain to it.</summary>
public sealed class LocalAuthorityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "berth-ca-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void OpenOrCreate_SecondStart_KeepsTheRoot()
    {
        using var first = LocalAuthority.OpenOrCreate(_directory, TimeProvider.System);
        using var second = LocalAuthority.OpenOrCreate(_directory, TimeProvider.System);

        Assert.Equal(first.Root.Thumbprint, second.Root.Thumbprint);
        using var leaf = second.Issue("demo.localhost");
        Assert.True(Chains(leaf, first.Root));
    }

    [Fact]
    public void OpenOrCreate_NewFolder_KeyReadableByOwnerOnly()
    {
        using var authority = LocalAuthority.OpenOrCreate(_directory, TimeProvider.System);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "root.key")));
        }

        Assert.Contains("BEGIN CERTIFICATE", File.ReadAllText(authority.RootPath));
    }

    [Fact]
    public void Issue_Name_ServerCertificateForThatNameOnly()
    {
        using var authority = LocalAuthority.OpenOrCreate(_directory, TimeProvider.System);

        using var leaf = authority.Issue("shop.example.com");

        Assert.True(leaf.HasPrivateKey);
        Assert.True(leaf.MatchesHostname("shop.example.com"));
        Assert.False(leaf.MatchesHostname("other.example.com"));
        Assert.Equal(LocalAuthority.LeafLifetime + TimeSpan.FromMinutes(5), leaf.NotAfter - leaf.NotBefore);
        Assert.Contains(leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}

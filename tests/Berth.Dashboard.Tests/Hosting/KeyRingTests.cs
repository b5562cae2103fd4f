using System.Security.Cryptography;
using Berth.Dashboard.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Dashboard.Tests.Hosting;

/// <summary>The dashboard's data-protection keys kept in a folder, as the server keeps them in its data folder.</summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Purpose = "Berth.Dashboard.Tests.KeyRing";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("berth-keyring-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static ServiceProvider Dashboard(string? keyRingDirectory) =>
        new ServiceCollection().AddBerthDashboard(o => o.KeyRingDirectory = keyRingDirectory).BuildServiceProvider();

    private static string Protect(string? keyRingDirectory, string text)
    {
        using var services = Dashboard(keyRingDirectory);
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(text);
    }

    private static string Unprotect(string? keyRingDirectory, string protectedText)
    {
        using var services = Dashboard(keyRingDirectory);
        return services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedText);
    }

    [Fact]
    public void AddBerthDashboard_KeyRingDirectory_WritesTheKeysThereForTheOwnerOnly()
    {
        var keys = Path.Combine(_dataDirectory, "dashboard-keys");

        Protect(keys, "berth_token");

        var file = Assert.Single(Directory.GetFiles(keys));
        Assert.EndsWith(".xml", file, StringComparison.Ordinal);
        Assert.StartsWith("key-", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void AddBerthDashboard_SameKeyRingDirectory_AnotherProcessUnprotectsWhatTheFirstProtected()
    {
        var keys = Path.Combine(_dataDirectory, "dashboard-keys");
        var protectedText = Protect(keys, "berth_token");

        Assert.Equal("berth_token", Unprotect(keys, protectedText));
        Assert.Single(Directory.GetFiles(keys));
    }

    [Fact]
    public void AddBerthDashboard_NoKeyRingDirectory_KeysDieWithTheProcess()
    {
        var protectedText = Protect(null, "berth_token");

        Assert.ThrowsAny<CryptographicException>(() => Unprotect(null, protectedText));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dataDirectory));
    }
}

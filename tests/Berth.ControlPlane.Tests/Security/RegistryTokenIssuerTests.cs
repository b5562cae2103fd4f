using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.ControlPlane.Security.Registry;
using Microsoft.Extensions.Options;

namespace Berth.ControlPlane.Tests.Security;

/// <summary>The registry's JWTs, checked against what the Docker registry verifies.</summary>
public sealed class RegistryTokenIssuerTests : IDisposable
{
    // A throwaway key; its kid was computed with openssl and coreutils:
    // openssl pkey -pubout -outform DER | openssl dgst -sha256 -binary | head -c 30 | base32, grouped by four.
    private const string KeyPem =
        """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgaq31FfWEVIwA6KlA
        R7MhS4fqsXNGMHneAZdySM+sk9ahRANCAATods2BKScA+CKed8BQX3yW6A+ZaYvM
        6Gb+m6WEpCkWaCo6+5qweDViSWkq9Iew3X6g2F33E+jeMb5X/7Amug7Q
        -----END PRIVATE KEY-----
        """;
    private const string KeyId = "WVBP:KLN3:UWJ2:U2FK:2MRN:Y7QA:QYZR:LHQ6:2QD3:6C7Q:V2C5:6J3R";

    private readonly string _keyPath = Path.GetTempFileName();
    private readonly RegistrySigningKey _key;

    public RegistryTokenIssuerTests()
    {
        File.WriteAllText(_keyPath, KeyPem);
        _key = RegistrySigningKey.Load(_keyPath);
    }

    public void Dispose()
    {
        _key.Dispose();
        File.Delete(_keyPath);
    }

    private static JsonElement Segment(string part) => JsonDocument.Parse(Base64Url.DecodeFromChars(part)).RootElement;

    [Fact]
    public void Load_P256Key_HasTheLibtrustKeyId() => Assert.Equal(KeyId, _key.KeyId);

    [Fact]
    public void Issue_Access_IsAnEs256JwtTheRegistryAccepts()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var options = Options.Create(new BerthOptions { RegistryService = "svc", RegistryIssuer = "iss", RegistryTokenSeconds = 120 });
        var issuer = new RegistryTokenIssuer(_key, options, new FixedTime(now));

        var issued = issuer.Issue("acme", [new RegistryScope("repository", "web", ["pull", "push"])]);

        var parts = issued.Token.Split('.');
        var header = Segment(parts[0]);
        Assert.Equal(("ES256", KeyId), (header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString()));
        var claims = Segment(parts[1]);
        Assert.Equal(("iss", "acme", "svc"), (claims.GetProperty("iss").GetString(), claims.GetProperty("sub").GetString(), claims.GetProperty("aud").GetString()));
        Assert.Equal(now.AddSeconds(120).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        var access = Assert.Single(claims.GetProperty("access").EnumerateArray().ToArray());
        Assert.Equal(("repository", "web", "pull,push"), (access.GetProperty("type").GetString(), access.GetProperty("name").GetString(),
            string.Join(',', access.GetProperty("actions").EnumerateArray().Select(a => a.GetString()))));
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(_key.Key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256));
        Assert.Equal((now, 120), (issued.IssuedAt, issued.ExpiresIn));
    }

    [Fact]
    public void Issue_WithoutKey_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new RegistryTokenIssuer(null, Options.Create(new BerthOptions()), TimeProvider.System).Issue("x", []));

    [Fact]
    public void Load_NotAKey_IsAFormatExceptionNamingTheFile()
    {
        File.WriteAllText(_keyPath, "not a key");

        var error = Assert.Throws<FormatException>(() => RegistrySigningKey.Load(_keyPath));

        Assert.Contains(_keyPath, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repository:web:pull,push", "repository", "web", "pull,push")]
    [InlineData("repository:base/nginx:pull", "repository", "base/nginx", "pull")]
    [InlineData("repository:127.0.0.1:5000/web:pull", "repository", "127.0.0.1:5000/web", "pull")]
    [InlineData("registry:catalog:*", "registry", "catalog", "*")]
    [InlineData("repository:web:", "repository", "web", "")]
    public void Parse_Scope_SplitsTypeNameAndActions(string text, string type, string name, string actions)
    {
        var scope = RegistryScope.Parse(text);

        Assert.NotNull(scope);
        Assert.Equal((type, name, actions), (scope.Type, scope.Name, string.Join(',', scope.Actions)));
    }

    [Theory]
    [InlineData("repository")]
    [InlineData("repository:web")]
    [InlineData(":web:pull")]
    [InlineData("repository::pull")]
    [InlineData("repository:we\u0000b:pull")]
    public void Parse_Malformed_IsNull(string text) => Assert.Null(RegistryScope.Parse(text));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

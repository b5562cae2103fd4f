using System.Security.Cryptography;
using System.Text;

namespace Berth.ZooKeeper;

/// <summary>One ACL entry: <see cref="Permissions"/> granted to the identity <see cref="Id"/> of <see cref="Scheme"/>.</summary>
public sealed record ZooKeeperAcl(ZooKeeperPermissions Permissions, string Scheme, string Id)
{
    /// <summary>Everything to everyone (<c>world:anyone</c>).</summary>
    public static IReadOnlyList<ZooKeeperAcl> OpenUnsafe { get; } = [new(ZooKeeperPermissions.All, "world", "anyone")];

    /// <summary>An entry for the digest user <paramref name="user"/> with <paramref name="password"/>.</summary>
    public static ZooKeeperAcl Digest(ZooKeeperPermissions permissions, string user, string password) =>
        new(permissions, "digest", DigestId(user, password));

    /// <summary>
    /// The digest scheme's id of a user: <c>user:base64(sha1("user:password"))</c>. ACLs hold this, so a node can grant a
    /// user rights without the password being stored anywhere.
    /// </summary>
    public static string DigestId(string user, string password)
    {
        ValidateUser(user);
        ArgumentNullException.ThrowIfNull(password);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));
        return $"{user}:{Convert.ToBase64String(hash)}";
    }

    /// <summary>The auth data of the digest scheme for <see cref="ZooKeeperClient.AddAuthAsync"/>: <c>user:password</c>.</summary>
    public static byte[] DigestAuth(string user, string password)
    {
        ValidateUser(user);
        ArgumentNullException.ThrowIfNull(password);
        return Encoding.UTF8.GetBytes($"{user}:{password}");
    }

    private static void ValidateUser(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        if (user.Contains(':'))
        {
            throw new ArgumentException($"A digest user name cannot contain ':' ('{user}').", nameof(user));
        }
    }
}

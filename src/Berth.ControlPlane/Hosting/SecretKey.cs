using System.Security.Cryptography;

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// The AES key for secret config values: from configuration when several control planes must share it,
/// otherwise made once and kept beside the database, readable only by its owner.
/// </summary>
public static class SecretKey
{
    public static byte[] LoadOrCreate(BerthOptions options)
    {
        if (!string.IsNullOrEmpty(options.SecretKey))
        {
            return Decode(options.SecretKey, "Berth:SecretKey");
        }

        var path = Path.Combine(options.DataDirectory, "secret.key");
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(path, write)))
        {
            writer.WriteLine(Convert.ToBase64String(key));
        }

        return key;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length == 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new FormatException($"the secret key in {source} must be 32 bytes in base64");
        }
    }
}

namespace Berth.ControlPlane.Hosting;

/// <summary>
/// The data folder holds the database (with every app's plain config values), the admin token and the signing
/// keys: only its owner may enter it. A new one is made so; Berth does not start on one others can read.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode Others =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder (0700) when missing; throws <see cref="IOException"/> with the fix when others may enter it.</summary>
    public static void Prepare(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            var full = Path.GetFullPath(path);
            throw new IOException(
                $"the data folder {full} is open to other users (mode {Convert.ToString((int)mode, 8)}); it holds tokens and app settings: run chmod 700 {full}");
        }
    }
}

using System.Text.Json;

namespace Berth.Client;

/// <summary>Reads and writes the saved login, which holds a token and so is readable by its owner only.</summary>
internal static class ConfigFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary><c>$BERTH_CONFIG</c>, or <c>$XDG_CONFIG_HOME/berth/config.json</c>, or <c>~/.config/berth/config.json</c>.</summary>
    public static string PathFor(ClientEnvironment environment) =>
        environment.Get("BERTH_CONFIG")
        ?? Path.Combine(environment.Get("XDG_CONFIG_HOME") is { } xdg && Path.IsPathRooted(xdg) ? xdg : Path.Combine(environment.HomeDirectory, ".config"),
            "berth", "config.json");

    /// <summary>The saved config, or null when there is none.</summary>
    public static SavedConfig? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SavedConfig>(File.ReadAllText(path), BerthJson.Options);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ClientConfigException($"cannot read {path}: {e.Message} (fix it, or remove it with 'berth logout')", e);
        }
    }

    /// <summary>Writes the config, creating its directory; the file is mode 0600 from the moment it exists.</summary>
    public static void Save(string path, SavedConfig config)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        // Written to a private temporary file, then renamed, so the token is never readable by others or half-written.
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, config, BerthJson.IndentedOptions);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the saved config; false when there was none.</summary>
    public static bool Delete(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}

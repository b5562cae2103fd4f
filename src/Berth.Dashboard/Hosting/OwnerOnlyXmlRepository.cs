using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Berth.Dashboard.Hosting;

/// <summary>
/// The data-protection key ring as one XML file per key in a folder only its owner may enter (0700), each file readable
/// only by its owner (0600) from the moment it exists, as Berth keeps its admin token. The framework's own file
/// repository leaves the modes to the umask.
/// </summary>
internal sealed class OwnerOnlyXmlRepository(string directory) : IXmlRepository
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.xml").Order(StringComparer.Ordinal).Select(path => XElement.Load(path))]
            : [];

    /// <summary>Writes the element to a file named after <paramref name="friendlyName"/> (or a new name when that one is unsafe or taken), all at once.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }

        // Written beside its final name and moved there, so a reader never sees half a key.
        var temporary = Path.Combine(directory, $"{Guid.NewGuid():N}.tmp");
        var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            write.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(temporary, write))
        {
            element.Save(stream);
        }

        try
        {
            File.Move(temporary, Path.Combine(directory, $"{SafeName(friendlyName)}.xml"));
        }
        catch (IOException)
        {
            File.Move(temporary, Path.Combine(directory, $"{Guid.NewGuid():N}.xml"));
        }
    }

    // The framework passes names like "key-{guid}"; anything that could leave the folder gets a fresh name instead.
    private static string SafeName(string friendlyName) =>
        !string.IsNullOrEmpty(friendlyName) && friendlyName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? friendlyName
            : Guid.NewGuid().ToString("N");
}

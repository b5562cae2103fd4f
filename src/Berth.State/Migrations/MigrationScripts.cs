using System.Globalization;

namespace Berth.State.Migrations;

/// <summary>The migrations embedded in this assembly, in the order they apply.</summary>
internal static class MigrationScripts
{
    private const string Prefix = "Berth.State.Migrations.";

    /// <summary>Every migration, ordered by version.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static Migration[] Load()
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(resource =>
            {
                var name = resource[Prefix.Length..^".sql".Length];
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                return new Migration(ParseVersion(name), name, reader.ReadToEnd());
            })
            .OrderBy(migration => migration.Version)
            .ToArray();
        if (migrations.DistinctBy(migration => migration.Version).Count() != migrations.Length)
        {
            throw new InvalidOperationException("two migrations share a version number");
        }
        return migrations;
    }

    private static int ParseVersion(string name)
    {
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        return separator > 0 && int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidOperationException($"migration '{name}' is not named NNNN_description.sql");
    }
}

namespace Berth.State.Tests.Sqlite;

/// <summary>A temporary folder for one test class's database files, deleted with everything in it afterwards.</summary>
public sealed class SqliteTempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("berth-state-").FullName;

    /// <summary>A path for a new database file that no other test uses.</summary>
    public string NewDatabasePath() => System.IO.Path.Combine(Path, $"{Guid.NewGuid():N}.db");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

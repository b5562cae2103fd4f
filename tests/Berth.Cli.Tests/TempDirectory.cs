using Berth.Client;

namespace Berth.Cli.Tests;

/// <summary>A fresh directory that is both home and working directory of a test's <see cref="ClientEnvironment"/>.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("berth-cli-tests-").FullName;

    public ClientEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(variable => variable.Name, variable => variable.Value), Path, Path)
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
        };

    public string Write(string relativePath, string contents)
    {
        string path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

using System.Runtime.CompilerServices;

namespace Berth.Architecture.Tests;

/// <summary>One launch path: only the executor reserves instances, so every launch is undone by the same clean-up rule.</summary>
public sealed class LaunchPathTests
{
    [Fact]
    public void ReserveInstances_Callers_AreOnlyTheExecutor()
    {
        var src = Path.GetFullPath(Path.Combine(TestFolder(), "..", "..", "src"));
        var callers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && File.ReadAllText(file).Contains(".ReserveInstancesAsync(", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(src, file))
            .ToList();

        Assert.NotEmpty(callers);
        var outside = callers.Where(file => !file.StartsWith(Path.Combine("Berth.ControlPlane", "Execution") + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, $"ReserveInstancesAsync is called outside Berth.ControlPlane/Execution: {string.Join(", ", outside)}");
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string TestFolder([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;
}

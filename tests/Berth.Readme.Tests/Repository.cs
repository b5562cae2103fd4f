namespace Berth.Readme.Tests;

/// <summary>The checkout this test binary was built from.</summary>
internal static class Repository
{
    /// <summary>The folder holding Berth.slnx, run.sh and README.md.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }
}

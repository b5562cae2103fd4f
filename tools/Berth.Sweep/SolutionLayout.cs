using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>Which projects are product assemblies (under src/) and which project builds a given assembly.</summary>
internal sealed class SolutionLayout(Solution solution, string root)
{
    private readonly string _src = Path.Combine(root, "src") + Path.DirectorySeparatorChar;

    public bool IsSource(Project project) => project.FilePath?.StartsWith(_src, StringComparison.Ordinal) == true;

    public bool IsSource(string assemblyName) => ProjectOf(assemblyName) is { } p && IsSource(p);

    public Project? ProjectOf(string assemblyName) =>
        solution.Projects.FirstOrDefault(p => p.AssemblyName == assemblyName);
}

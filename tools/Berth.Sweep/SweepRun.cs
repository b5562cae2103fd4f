using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace Berth.Sweep;

/// <summary>
/// Opens the solution, renames private fields, narrows public types, and writes the result only when it compiles.
/// The solution must be restored and build clean before: every compile error afterwards is taken as the sweep's.
/// </summary>
internal static class SweepRun
{
    public static async Task<int> RunAsync(string solutionPath)
    {
        var clock = Stopwatch.StartNew();
        using var workspace = MSBuildWorkspace.Create();
        var failures = new List<string>();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                failures.Add(e.Diagnostic.Message);
            }
        });
        var original = await workspace.OpenSolutionAsync(solutionPath);
        if (failures.Count > 0)
        {
            // A project that did not load would be swept half-way: references in it would not follow a rename.
            failures.ForEach(f => Console.Error.WriteLine($"load failed: {f}"));
            return 1;
        }
        Console.WriteLine($"loaded {original.ProjectIds.Count} projects in {clock.Elapsed.TotalSeconds:F0} s");

        var layout = new SolutionLayout(original, Path.GetDirectoryName(solutionPath)!);

        var renamed = await FieldSweep.RunAsync(original);
        Console.WriteLine($"fields renamed: {renamed.Count} ({clock.Elapsed.TotalSeconds:F0} s)");

        var narrowed = await PublicTypeSweep.RunAsync(renamed.Solution, layout);
        if (narrowed is null)
        {
            return 1;
        }
        Console.WriteLine($"types made internal: {narrowed.Narrowed}, friend assemblies added: {narrowed.Friends.Count} ({clock.Elapsed.TotalSeconds:F0} s)");

        if (!workspace.TryApplyChanges(narrowed.Solution))
        {
            Console.Error.WriteLine("the workspace refused the changes; nothing was written");
            return 1;
        }
        FriendAssemblies.Write(narrowed.Friends);
        Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }
}

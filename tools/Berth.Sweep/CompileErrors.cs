using Microsoft.CodeAnalysis;

namespace Berth.Sweep;

/// <summary>The compiler's errors (warnings count: the build treats them as errors) over every project.</summary>
internal static class CompileErrors
{
    public static async Task<List<Diagnostic>> CollectAsync(Solution solution)
    {
        var errors = new List<Diagnostic>();
        foreach (var project in solution.Projects)
        {
            var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException(project.Name);
            errors.AddRange(compilation.GetDiagnostics().Where(d =>
                d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && !d.IsSuppressed));
        }
        return errors;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;

namespace Berth.Sweep;

/// <summary>Renames every private field that breaks <see cref="FieldNames"/> with Roslyn's renamer, so each reference follows.</summary>
internal static class FieldSweep
{
    public static async Task<(Solution Solution, int Count)> RunAsync(Solution solution)
    {
        var count = 0;
        foreach (var projectId in solution.ProjectIds)
        {
            // Fields declared in generated code (Razor's @code blocks) have no document to rename them in.
            var skipped = new HashSet<string>();
            var from = 0;
            while (await NextAsync(solution.GetProject(projectId)!, from, skipped) is { } next)
            {
                var (field, wanted, index) = next;
                from = index;
                if (field.ContainingType.GetMembers(wanted).Any())
                {
                    Console.WriteLine($"  kept {field.ContainingType.ToDisplayString()}.{field.Name}: {wanted} is taken");
                    skipped.Add(Id(field));
                    continue;
                }
                solution = await Renamer.RenameSymbolAsync(solution, field, new SymbolRenameOptions(), wanted);
                count++;
            }
        }
        return (solution, count);
    }

    // A rename only touches the field's own type, so documents before the last hit hold no more work.
    private static async Task<(IFieldSymbol Field, string Wanted, int Index)?> NextAsync(
        Project project, int from, HashSet<string> skipped)
    {
        var documents = project.Documents.ToList();
        for (var index = from; index < documents.Count; index++)
        {
            var document = documents[index];
            var root = await document.GetSyntaxRootAsync();
            var declarators = root!.DescendantNodes().OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables);
            SemanticModel? model = null;
            foreach (var declarator in declarators)
            {
                model ??= await document.GetSemanticModelAsync();
                if (model!.GetDeclaredSymbol(declarator) is IFieldSymbol field
                    && FieldNames.Wanted(field) is { } wanted
                    && !skipped.Contains(Id(field)))
                {
                    return (field, wanted, index);
                }
            }
        }
        return null;
    }

    private static string Id(IFieldSymbol field) => $"{field.ContainingType.ToDisplayString()}.{field.Name}";
}

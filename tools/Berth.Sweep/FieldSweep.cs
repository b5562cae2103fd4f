using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;
using Microsoft.CodeAnalysis.Simplification;

namespace Berth.Sweep;

/// <summary>Renames every private field that breaks <see cref="FieldNames"/> with Roslyn's renamer, so each reference follows.</summary>
internal static class FieldSweep
{
    public static async Task<(Solution Solution, int Count)> RunAsync(Solution solution)
    {
        var renamed = new HashSet<string>();
        foreach (var projectId in solution.ProjectIds)
        {
            var before = renamed.Count;
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
                renamed.Add($"{field.ContainingType.ToDisplayString()}.{wanted}");
            }
            if (renamed.Count > before)
            {
                Console.WriteLine($"  {solution.GetProject(projectId)!.Name}: {renamed.Count - before} fields renamed");
            }
        }
        return (await UnqualifyAsync(solution, renamed), renamed.Count);
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

    // `this.request = request` became `this._request = request`; the prefix now tells the field apart, so the
    // simplifier drops `this.` where nothing else bears the name.
    private static async Task<Solution> UnqualifyAsync(Solution solution, HashSet<string> renamed)
    {
        foreach (var documentId in solution.Projects.SelectMany(p => p.DocumentIds))
        {
            var document = solution.GetDocument(documentId)!;
            var root = await document.GetSyntaxRootAsync();
            var accesses = root!.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Where(a => a.Expression is ThisExpressionSyntax && a.Name.Identifier.ValueText.StartsWith('_')).ToList();
            if (accesses.Count == 0)
            {
                continue;
            }
            var model = await document.GetSemanticModelAsync();
            var ours = accesses.Where(a => model!.GetSymbolInfo(a).Symbol is IFieldSymbol f && renamed.Contains(Id(f))).ToList();
            if (ours.Count > 0)
            {
                var annotated = document.WithSyntaxRoot(root.ReplaceNodes(ours, (_, a) => a.WithAdditionalAnnotations(Simplifier.Annotation)));
                var text = await (await Simplifier.ReduceAsync(annotated, Simplifier.Annotation)).GetTextAsync();
                foreach (var linked in solution.GetDocumentIdsWithFilePath(document.FilePath))
                {
                    solution = solution.WithDocumentText(linked, text);
                }
            }
        }
        return solution;
    }

    private static string Id(IFieldSymbol field) => $"{field.ContainingType.ToDisplayString()}.{field.Name}";
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Berth.Sweep;

/// <summary>
/// Makes each public top-level type of a src/ assembly internal unless another src/ assembly uses it or a type that
/// stays public shows it; test and bench assemblies that use it become friends (InternalsVisibleTo). Whatever the
/// compiler still refuses goes back to public, until the solution compiles.
/// </summary>
internal static class PublicTypeSweep
{
    public static async Task<SweepResult?> RunAsync(Solution solution, SolutionLayout layout)
    {
        var publicTypes = await PublicTypesAsync(solution, layout);
        var candidates = publicTypes.Where(t => t.Value.Narrowable).Select(t => t.Key).ToHashSet();
        var uses = await TypeUses.CollectAsync(solution);
        var stay = publicTypes.Keys.Where(k => !candidates.Contains(k) || uses.UsersOf(k).Any(u => layout.IsSource(u.User))).ToHashSet();
        for (var round = 1; ; round++)
        {
            Close(publicTypes, stay);
            var narrowed = candidates.Where(k => !stay.Contains(k)).ToList();
            var friends = FriendAssemblies.Needed(narrowed, uses, layout);
            var edited = Narrow(solution, narrowed.SelectMany(k => publicTypes[k].Symbols));
            var errors = await CompileErrors.CollectAsync(FriendAssemblies.InMemory(edited, friends));
            Console.WriteLine($"  round {round}: {narrowed.Count} of {publicTypes.Count} public types internal, {errors.Count} new compile errors");
            if (errors.Count == 0)
            {
                return new SweepResult(edited, narrowed.Count, friends);
            }
            var blamed = Blame.TypesIn(errors, narrowed.SelectMany(k => publicTypes[k].Symbols.Select(s => (k, s))));
            if (blamed.Count == 0)
            {
                errors.ForEach(e => Console.Error.WriteLine($"  unexplained: {e}"));
                return null;
            }
            stay.UnionWith(blamed);
        }
    }

    // Every type that stays public keeps the types its signatures show public too, transitively.
    private static void Close(Dictionary<string, PublicType> publicTypes, HashSet<string> stay)
    {
        var work = new Queue<string>(stay);
        while (work.TryDequeue(out var key))
        {
            if (!publicTypes.TryGetValue(key, out var type))
            {
                continue;
            }
            foreach (var shown in type.Symbols.SelectMany(SignatureTypes.Of).Select(TypeKey.Of))
            {
                if (publicTypes.ContainsKey(shown) && stay.Add(shown))
                {
                    work.Enqueue(shown);
                }
            }
        }
    }

    private static async Task<Dictionary<string, PublicType>> PublicTypesAsync(Solution solution, SolutionLayout layout)
    {
        var types = new Dictionary<string, PublicType>();
        foreach (var project in solution.Projects.Where(layout.IsSource))
        {
            var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException(project.Name);
            var entry = compilation.GetEntryPoint(CancellationToken.None)?.ContainingType;
            foreach (var type in TopLevelTypes(compilation.Assembly.GlobalNamespace).Where(t => t.DeclaredAccessibility == Accessibility.Public))
            {
                var key = TypeKey.Of(type);
                if (!types.TryGetValue(key, out var known))
                {
                    types[key] = known = new PublicType([], Narrowable: true);
                }
                known.Symbols.Add(type);
                if (type.Name == "Program" || SymbolEqualityComparer.Default.Equals(type, entry) || DeclaredPublicInGeneratedCode(project, type))
                {
                    types[key] = known with { Narrowable = false };
                }
            }
        }
        return types;
    }

    // Razor components and other generated partial parts repeat `public`; the generator, not this tool, owns that.
    private static bool DeclaredPublicInGeneratedCode(Project project, INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r =>
            project.GetDocumentId(r.SyntaxTree) is null
            && r.GetSyntax() is MemberDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PublicKeyword));

    private static IEnumerable<INamedTypeSymbol> TopLevelTypes(INamespaceSymbol space) =>
        space.GetTypeMembers().Concat(space.GetNamespaceMembers().SelectMany(TopLevelTypes));

    private static Solution Narrow(Solution solution, IEnumerable<INamedTypeSymbol> types)
    {
        var changes = new Dictionary<string, HashSet<TextSpan>>();
        var documents = new Dictionary<string, HashSet<DocumentId>>();
        foreach (var reference in types.SelectMany(t => t.DeclaringSyntaxReferences))
        {
            // Source-generated trees (Razor, regex) have ids but no editable document: their generator owns them.
            if (solution.GetDocument(reference.SyntaxTree) is not { } document || reference.GetSyntax() is not MemberDeclarationSyntax declaration)
            {
                continue;
            }
            var modifier = declaration.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.PublicKeyword));
            if (modifier != default)
            {
                var path = reference.SyntaxTree.FilePath;
                if (!changes.TryGetValue(path, out var spans))
                {
                    changes[path] = spans = [];
                }
                spans.Add(modifier.Span);
                if (!documents.TryGetValue(path, out var owners))
                {
                    documents[path] = owners = [];
                }
                owners.Add(document.Id);
            }
        }
        foreach (var (path, spans) in changes)
        {
            // A file linked into several projects is one text in each. The lookups also yield additional files and
            // generated trees of that path, which are not editable documents.
            var ids = solution.GetDocumentIdsWithFilePath(path).Union(documents[path]).Where(id => solution.GetDocument(id) is not null).ToList();
            if (ids.Count == 0)
            {
                Console.WriteLine($"  left public (no editable document): {path}");
                continue;
            }
            var text = solution.GetDocument(ids[0])!.GetTextAsync().GetAwaiter().GetResult();
            var narrowed = text.WithChanges(spans.Select(s => new TextChange(s, "internal")));
            foreach (var id in ids)
            {
                solution = solution.WithDocumentText(id, narrowed);
            }
        }
        return solution;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Berth.Sweep;

/// <summary>
/// Which projects use each top-level type of another project: a name that binds to the type, or to one of its members
/// (an extension method, a property reached through <c>var</c>), in source or in generated code.
/// </summary>
internal sealed class TypeUses
{
    private readonly Dictionary<string, HashSet<(Project User, string Owner)>> _users = [];

    public IReadOnlySet<(Project User, string Owner)> UsersOf(string key) =>
        _users.TryGetValue(key, out var users) ? users : new HashSet<(Project, string)>();

    public static async Task<TypeUses> CollectAsync(Solution solution)
    {
        var uses = new TypeUses();
        foreach (var project in solution.Projects)
        {
            var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException(project.Name);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in (await tree.GetRootAsync()).DescendantNodes())
                {
                    if (node is SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax)
                    {
                        var info = model.GetSymbolInfo(node);
                        uses.Add(project, compilation.Assembly, info.Symbol);
                        foreach (var candidate in info.CandidateSymbols)
                        {
                            uses.Add(project, compilation.Assembly, candidate);
                        }
                    }
                }
            }
        }
        return uses;
    }

    private void Add(Project user, IAssemblySymbol userAssembly, ISymbol? symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        if (type is null || symbol is INamespaceSymbol)
        {
            return;
        }
        var top = TypeKey.TopLevel(type);
        if (SymbolEqualityComparer.Default.Equals(top.ContainingAssembly, userAssembly) || top.Locations.All(l => !l.IsInSource))
        {
            return;
        }
        var key = TypeKey.Of(top);
        if (!_users.TryGetValue(key, out var users))
        {
            _users[key] = users = [];
        }
        users.Add((user, top.ContainingAssembly.Name));
    }
}
